namespace EventsBlog.Pages;

/// <summary>What a page tells the layout about itself: the document title, description and language.</summary>
public interface IPageHead
{
    string? HeadTitle { get; }

    string? HeadDescription => null;

    string? HeadLanguage => null;
}
