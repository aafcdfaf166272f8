namespace EventsBlog.Content;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>A problem with one post: the file (relative to the posts folder), the line, and what is wrong.</summary>
public sealed record Diagnostic(string File, int Line, Severity Severity, string Message)
{
    public static Diagnostic Error(string file, int line, string message) => new(file, line, Severity.Error, message);

    public static Diagnostic Warning(string file, int line, string message) => new(file, line, Severity.Warning, message);

    /// <summary>Compiler style: <c>path.md:LINE: error: message</c>.</summary>
    public override string ToString() => $"{File}:{Line}: {(Severity == Severity.Error ? "error" : "warning")}: {Message}";
}
