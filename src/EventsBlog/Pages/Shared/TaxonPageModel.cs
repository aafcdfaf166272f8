using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Shared;

/// <summary>A category or tag page: the posts filed under it.</summary>
public abstract class TaxonPageModel(ContentStore content, BlogClock clock) : PageModel, IPageHead
{
    public Taxon Taxon { get; private set; } = null!;
    public IReadOnlyList<Post> Posts { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public string? HeadTitle => $"{Kind} {Taxon.Name}";

    /// <summary>"Category" or "Tag".</summary>
    protected abstract string Kind { get; }

    protected abstract (Taxon Taxon, IReadOnlyList<Post> Posts)? Find(ContentIndex index, string slug);

    public IActionResult OnGet(string slug)
    {
        if (Find(content.Current, slug) is not { } found)
            return NotFound();
        (Taxon, Posts) = found;
        Now = clock.Now;
        return Page();
    }
}
