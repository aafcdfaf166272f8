using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages;

/// <summary>The HTML page behind every 404 (status code pages re-execute here).</summary>
public sealed class NotFoundModel : PageModel, IPageHead
{
    public string? HeadTitle => "Page not found";

    public void OnGet() => Response.StatusCode = StatusCodes.Status404NotFound;
}
