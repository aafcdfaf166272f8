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
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        if (match.Groups["h"].Success && !ValidTime(match))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>
    /// An instant: the written time and offset, or, without an offset, the time (midnight for a bare
    /// date) in <paramref name="zone"/>.
    /// </summary>
    public static bool TryParseInstant(string? text, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        var match = DatePattern().Match(text?.Trim() ?? "");
        if (!match.Success || !TryParse(text, out var date))
            return false;
        var time = match.Groups["h"].Success
            ? new TimeOnly(
                int.Parse(match.Groups["h"].ValueSpan, CultureInfo.InvariantCulture),
                int.Parse(match.Groups["min"].ValueSpan, CultureInfo.InvariantCulture),
                match.Groups["s"].Success ? int.Parse(match.Groups["s"].ValueSpan, CultureInfo.InvariantCulture) : 0)
            : TimeOnly.MinValue;
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var offset = match.Groups["tz"].Value switch
        {
            "" => zone.GetUtcOffset(local),
            "Z" or "z" => TimeSpan.Zero,
            var tz => ParseOffset(tz),
        };
        if (offset.Duration() > TimeSpan.FromHours(14))
            return false;
        instant = new DateTimeOffset(local, offset);
        return true;
    }

    private static TimeSpan ParseOffset(string text)
    {
        var digits = text[1..].Replace(":", "", StringComparison.Ordinal);
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = digits.Length >= 4 ? int.Parse(digits[2..4], CultureInfo.InvariantCulture) : 0;
        var offset = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -offset : offset;
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

    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{1,2})-(?<d>[0-9]{1,2})(?:(?:[Tt]|\s+)(?<h>[0-9]{1,2}):(?<min>[0-9]{2})(?::(?<s>[0-9]{2})(?:[.,][0-9]+)?)?)?\s*(?<tz>Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^(?<date>[0-9]{4}-[0-9]{1,2}-[0-9]{1,2})-")]
    private static partial Regex FileNamePrefix();
}
