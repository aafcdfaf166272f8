using System.Globalization;
using System.Xml;
using EventsBlog.Content;

namespace EventsBlog.Discovery;

/// <summary><c>/sitemap.xml</c> (every served post and listing, with <c>lastmod</c>) and <c>/robots.txt</c> pointing to it.</summary>
public static class SitemapEndpoints
{
    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    public static void MapSitemap(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/sitemap.xml", (HttpContext context, ContentStore content, SiteUrls urls) =>
        {
            var index = content.Current;
            var newest = index.NewestFirst.FirstOrDefault()?.Date;
            var entries = new List<(string Path, DateOnly? LastModified)> { ("/", newest), ("/archive", newest), ("/speakers", newest), ("/videos", newest) };
            entries.AddRange(index.NewestFirst.Where(p => !p.IsLinkPost).Select(p => ($"/events/{Uri.EscapeDataString(p.Slug)}", (DateOnly?)p.Date)));
            entries.AddRange(index.Categories.Select(c => ($"/categories/{Uri.EscapeDataString(c.Slug)}", index.Category(c.Slug)!.Value.Posts[0].Date as DateOnly?)));
            entries.AddRange(index.Tags.Select(t => ($"/tags/{Uri.EscapeDataString(t.Slug)}", index.Tag(t.Slug)!.Value.Posts[0].Date as DateOnly?)));
            entries.AddRange(index.Speakers().Select(s => ($"/speakers/{Uri.EscapeDataString(s.Slug)}", (DateOnly?)s.Appearances[0].Post.Date)));

            var sitemap = XmlBytes.Write(writer =>
            {
                writer.WriteStartDocument();
                writer.WriteStartElement("urlset", Namespace);
                foreach (var (path, lastModified) in entries)
                {
                    writer.WriteStartElement("url", Namespace);
                    writer.WriteElementString("loc", Namespace, urls.Absolute(context.Request, path).AbsoluteUri);
                    if (lastModified is { } date)
                        writer.WriteElementString("lastmod", Namespace, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            });

            return Results.Bytes(sitemap, "application/xml; charset=utf-8");
        });

        endpoints.MapGet("/robots.txt", (HttpContext context, SiteUrls urls) =>
            Results.Text($"User-agent: *\nAllow: /\n\nSitemap: {urls.Absolute(context.Request, "/sitemap.xml")}\n", "text/plain; charset=utf-8"));
    }
}
