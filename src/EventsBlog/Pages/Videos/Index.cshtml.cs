using EventsBlog.Content;
using EventsBlog.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Videos;

public sealed class IndexModel(ContentStore content, VideoCatalog videos) : PageModel, IPageHead
{
    public const int PageSize = 12;

    public VideoPage Listing { get; private set; } = null!;
    public string? HeadTitle => Listing.Page > 1 ? $"Videos, page {Listing.Page}" : "Videos";
    public string? HeadDescription => "Recordings of every talk, newest first";

    public IActionResult OnGet([FromQuery] string? page)
    {
        if (!PageNumber.TryParse(page, out var number) || videos.Page(content.Current, number, PageSize) is not { } listing)
            return NotFound();
        Listing = listing;
        return Page();
    }
}
