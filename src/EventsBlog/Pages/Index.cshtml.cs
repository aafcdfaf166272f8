using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EventsBlog.Pages;

public sealed class IndexModel(ContentStore content, BlogClock clock, IOptions<BlogOptions> options) : PageModel, IPageHead
{
    public PostPage Listing { get; private set; } = null!;
    public DateOnly Today { get; private set; }
    public string SiteTitle => options.Value.Title;
    public string? HeadTitle => Listing.Page > 1 ? $"Page {Listing.Page}" : null;

    public IActionResult OnGet([FromQuery] int page = 1)
    {
        Today = clock.Today;
        if (content.Current.Home(Today, page, options.Value.PageSize) is not { } listing)
            return NotFound();
        Listing = listing;
        return Page();
    }
}
