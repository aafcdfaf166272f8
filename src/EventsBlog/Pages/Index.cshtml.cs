using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace EventsBlog.Pages;

public sealed class IndexModel(ContentStore content, BlogClock clock, IOptions<BlogOptions> options) : PageModel, IPageHead
{
    public PostPage Listing { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public string SiteTitle => options.Value.Title;
    public string? HeadTitle => Listing.Page > 1 ? $"Page {Listing.Page}" : null;

    /// <param name="page">As written in <c>?page=</c>: anything but a page number in range is a 404.</param>
    public IActionResult OnGet([FromQuery] string? page)
    {
        Now = clock.Now;
        if (!PageNumber.TryParse(page, out var number) || content.Current.Home(number, options.Value.PageSize) is not { } listing)
            return NotFound();
        Listing = listing;
        return Page();
    }
}
