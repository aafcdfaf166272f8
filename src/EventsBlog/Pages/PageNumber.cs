using System.Globalization;

namespace EventsBlog.Pages;

/// <summary>The <c>?page=</c> of a paged listing.</summary>
public static class PageNumber
{
    /// <summary>Absent means 1; anything but digits (a sign, a fraction, a word, too many digits) is no page.</summary>
    public static bool TryParse(string? text, out int number)
    {
        number = 1;
        return text is null || int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
