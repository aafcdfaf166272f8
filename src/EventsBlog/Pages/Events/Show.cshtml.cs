using EventsBlog.Content;
using EventsBlog.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Events;

public sealed class ShowModel(ContentStore content, PostRenderCache renderer, BlogClock clock) : PageModel, IPageHead
{
    public RenderedPost Rendered { get; private set; } = null!;
    public bool IsUpcoming { get; private set; }
    public string? HeadTitle => Rendered.Post.Title;
    public string? HeadDescription => Rendered.Post.Summary;
    public string? HeadLanguage => Rendered.Post.Language;

    public IActionResult OnGet(string slug)
    {
        if (content.Current.FindPost(slug) is not { } post)
            return NotFound();
        Rendered = renderer.Get(post);
        IsUpcoming = post.IsUpcomingAt(clock.Now);
        return Page();
    }
}
