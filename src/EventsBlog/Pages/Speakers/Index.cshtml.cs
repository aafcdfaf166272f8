using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages.Speakers;

public sealed class IndexModel(ContentStore content) : PageModel, IPageHead
{
    public IReadOnlyList<Speaker> Speakers { get; private set; } = [];
    public string? HeadTitle => "Speakers";

    public void OnGet() => Speakers = content.Current.Speakers();
}
