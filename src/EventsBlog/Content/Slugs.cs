using System.Globalization;
using System.Text;

namespace EventsBlog.Content;

/// <summary>The one slug rule for posts, categories, tags and heading ids.</summary>
public static class Slugs
{
    /// <summary>
    /// NFC, lower-cased invariantly, every run of characters that are not letters, digits or combining
    /// marks collapsed to one '-', trimmed. Letters of any script are kept.
    /// </summary>
    public static string From(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var builder = new StringBuilder(normalized.Length);
        var pendingDash = false;
        Span<char> utf16 = stackalloc char[2];
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsKept(Rune.GetUnicodeCategory(rune)))
            {
                if (pendingDash && builder.Length > 0)
                    builder.Append('-');
                pendingDash = false;
                builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
            }
            else
            {
                pendingDash = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Hands out ids unique within one page: <c>x</c>, <c>x-1</c>, <c>x-2</c>.</summary>
    /// <param name="reserved">Ids the page already uses outside the post, such as <c>main</c>.</param>
    public sealed class UniqueIds(IEnumerable<string>? reserved = null)
    {
        private readonly HashSet<string> _used = new(reserved ?? [], StringComparer.Ordinal);

        public string Next(string text, string fallback = "section")
        {
            var baseId = From(text);
            if (baseId.Length == 0)
                baseId = fallback;
            var id = baseId;
            for (var n = 1; !_used.Add(id); n++)
                id = $"{baseId}-{n}";
            return id;
        }
    }

    private static bool IsKept(UnicodeCategory category) => category
        is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
        or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
