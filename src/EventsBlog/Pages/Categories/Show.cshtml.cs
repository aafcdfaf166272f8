using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Categories;

public sealed class ShowModel(ContentStore content, BlogClock clock) : PageModel, IPageHead
{
    public Taxon Taxon { get; private set; } = null!;
    public IReadOnlyList<Post> Posts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? HeadTitle => $"Category {Taxon.Name}";

    public IActionResult OnGet(string slug)
    {
        if (content.Current.Category(slug) is not { } found)
            return NotFound();
        (Taxon, Posts) = found;
        Now = clock.Now;
        return Page();
    }
}
