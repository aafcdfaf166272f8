using System.Globalization;
using System.Text.RegularExpressions;

namespace EventsBlog.Content;

/// <summary>Reads the date shapes real posts use, keeping the calendar day as written.</summary>
public static partial class PostDate
{
    /// <summary>
    /// <c>2020-08-01</c>, <c>2021-6-7</c>, <c>2022-05-25 10:00:00+00:00</c>, <c>2013-05-06 02:12:52 +0200</c>,
    /// <c>2020-08-01T10:00:00.000Z</c>.
    /// </summary>
    public static bool TryParse(string? text, out DateOnly date)
    {
        date = default;
        var match = DatePattern().Match(text?.Trim() ?? "");
        if (!match.Success)
            return false;
        var year = int.Parse(match.Groups["y"].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["m"].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["d"].ValueSpan, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || year < 1)
            return false;
        if (match.Groups["h"].Success && !ValidTime(match))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>A Jekyll-style <c>YYYY-MM-DD-</c> file-name prefix.</summary>
    public static bool TryParseFileNamePrefix(string fileName, out DateOnly date, out string rest)
    {
        var match = FileNamePrefix().Match(fileName);
        rest = match.Success ? fileName[match.Length..] : fileName;
        date = default;
        return match.Success && TryParse(match.Groups["date"].Value, out date);
    }

    private static bool ValidTime(Match match)
    {
        var hour = int.Parse(match.Groups["h"].ValueSpan, CultureInfo.InvariantCulture);
        var minute = int.Parse(match.Groups["min"].ValueSpan, CultureInfo.InvariantCulture);
        var second = match.Groups["s"].Success ? int.Parse(match.Groups["s"].ValueSpan, CultureInfo.InvariantCulture) : 0;
        return hour < 24 && minute < 60 && second < 60;
    }

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?:(?:[Tt]|\s+)(?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2})(?:[.,]\d+)?)?)?\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<date>\d{4}-\d{1,2}-\d{1,2})-")]
    private static partial Regex FileNamePrefix();
}
