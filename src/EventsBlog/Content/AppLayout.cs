namespace EventsBlog.Content;

/// <summary>
/// Where the top-level <c>wwwroot/</c> and <c>Posts/</c> live. A published app carries both beside
/// <c>EventsBlog.dll</c>; under <c>dotnet run</c> (and in tests) they are the repository's own folders,
/// so that a post dropped into <c>Posts/</c> shows without a build.
/// </summary>
public static class AppLayout
{
    private const string SolutionFile = "EventsBlog.sln";

    public static string WebRoot => Locate("wwwroot");

    public static string DefaultPostsFolder => Locate("Posts");

    private static string Locate(string folderName)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, folderName);
        if (Directory.Exists(beside))
            return beside;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
                return Path.Combine(dir.FullName, folderName);
        }

        return beside;
    }
}
