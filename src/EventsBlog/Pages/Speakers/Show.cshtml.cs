using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Speakers;

public sealed class ShowModel(ContentStore content) : PageModel, IPageHead
{
    public Speaker Speaker { get; private set; } = null!;
    public string? HeadTitle => Speaker.Name;
    public string? HeadDescription => $"Talks by {Speaker.Name}";

    public IActionResult OnGet(string slug)
    {
        if (content.Current.FindSpeaker(slug) is not { } speaker)
            return NotFound();
        Speaker = speaker;
        return Page();
    }
}
