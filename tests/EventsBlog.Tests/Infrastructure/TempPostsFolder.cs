using System.Text;

namespace EventsBlog.Tests.Infrastructure;

/// <summary>A real posts folder in a temp directory, deleted afterwards.</summary>
public sealed class TempPostsFolder : IDisposable
{
    public TempPostsFolder()
    {
        Path = Directory.CreateTempSubdirectory("eventsblog-posts-").FullName;
    }

    public string Path { get; }

    /// <summary>Where an app over this folder keeps its start-up cache (beside the folder, not in it: not a post).</summary>
    public string StartupCacheFile => Path + ".startup-cache";

    public TempPostsFolder Write(string relativePath, string content) =>
        WriteBytes(relativePath, Encoding.UTF8.GetBytes(content));

    public TempPostsFolder WriteBytes(string relativePath, byte[] bytes)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
        return this;
    }

    /// <summary>A named pipe at <paramref name="relativePath"/>: reading it blocks until something is written to it.</summary>
    public string MakePipe(string relativePath)
    {
        var full = System.IO.Path.Combine(Path, relativePath);
        if (MakeFifo(full, Convert.ToUInt32("644", 8)) != 0)
            throw new IOException($"mkfifo {full} failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
        return full;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo(string path, uint mode);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
            File.Delete(StartupCacheFile);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
