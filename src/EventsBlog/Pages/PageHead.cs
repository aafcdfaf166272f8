using EventsBlog.Rendering;

namespace EventsBlog.Pages;

/// <summary>What a page tells the layout about itself: title, description, language, and link-preview data.</summary>
public interface IPageHead
{
    string? HeadTitle { get; }

    string? HeadDescription => null;

    string? HeadLanguage => null;

    /// <summary>The picture for link previews (site path or absolute URL).</summary>
    string? HeadImage => null;

    /// <summary>The video for link previews (<c>og:video</c>).</summary>
    Video? HeadVideo => null;

    /// <summary>An event page is an article to OpenGraph; listings are the website.</summary>
    bool HeadIsArticle => false;

    /// <summary>schema.org JSON-LD, already serialized safely for a script element.</summary>
    string? HeadJsonLd => null;
}
