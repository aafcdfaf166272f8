using System.Text;
using System.Xml;

namespace EventsBlog.Discovery;

/// <summary>XML documents (feeds, sitemap) as indented UTF-8 bytes without a byte order mark.</summary>
public static class XmlBytes
{
    public static byte[] Write(Action<XmlWriter> write)
    {
        var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            write(writer);
        return output.ToArray();
    }
}
