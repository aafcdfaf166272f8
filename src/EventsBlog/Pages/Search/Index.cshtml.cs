using EventsBlog.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Search;

public sealed class IndexModel(SearchIndex search) : PageModel, IPageHead
{
    public string Query { get; private set; } = "";
    public SearchResults? Results { get; private set; }
    public string? Message { get; private set; }
    public string? HeadTitle => Query.Length > 0 ? $"Search: {Query}" : "Search";

    public IActionResult OnGet([FromQuery] string? q)
    {
        Query = q?.Trim() ?? "";
        if (Query.Length > SearchIndex.MaxQueryLength)
        {
            Message = $"The query is too long: {Query.Length} characters, and at most {SearchIndex.MaxQueryLength} are searched. Please shorten it.";
            Query = Query[..SearchIndex.MaxQueryLength];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Query.Length == 0)
            return Page();
        var results = search.Search(Query);
        if (!results.IsReady)
            Message = "The search index is still being built; please try again in a few seconds.";
        else if (results.Hits.Count == 0)
            Message = $"No events match “{Query}”.";
        else
            Results = results;
        return Page();
    }
}
