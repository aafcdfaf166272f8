using EventsBlog.Content;
using EventsBlog.Discovery;
using EventsBlog.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EventsBlog.Pages.Events;

public sealed class ShowModel(ContentStore content, PostRenderCache renderer, BlogClock clock, SiteUrls urls, IOptions<BlogOptions> options) : PageModel, IPageHead
{
    public RenderedPost Rendered { get; private set; } = null!;
    public bool IsUpcoming { get; private set; }
    public string When { get; private set; } = "";
    public Uri GoogleCalendarLink { get; private set; } = null!;

    /// <summary>Read once: it may be read from the start-up cache file.</summary>
    public string Summary { get; private set; } = "";

    public string? HeadTitle => Rendered.Post.Title;
    public string? HeadDescription => Summary;
    public string? HeadLanguage => Rendered.Post.Language;
    public string? HeadImage => Rendered.Post.Thumbnail ?? (Rendered.LeadVideo is { } video ? StructuredData.Thumbnail(video)?.AbsoluteUri : null);
    public Video? HeadVideo => Rendered.LeadVideo ?? Rendered.Videos.FirstOrDefault();
    public bool HeadIsArticle => true;
    public string? HeadJsonLd { get; private set; }

    public IActionResult OnGet(string slug)
    {
        if (content.Current.FindPost(slug) is not { } post)
            return NotFound();
        Rendered = renderer.Render(post);
        Summary = post.Summary;
        IsUpcoming = post.IsUpcomingAt(clock.Now);
        When = EventTimes.Describe(post, clock.Zone);
        var page = urls.Post(Request, post);
        GoogleCalendarLink = EventTimes.GoogleCalendarLink(post, Summary, clock.Zone, page);
        HeadJsonLd = StructuredData.Event(Rendered, Summary, page, options.Value.Title, urls.Absolute(Request, "/"), urls.Image(Request, HeadImage), clock.Zone);
        return Page();
    }
}
