using EventsBlog.Content;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages;

public sealed class ArchiveModel(ContentStore content) : PageModel, IPageHead
{
    public IReadOnlyList<ArchiveYear> Years { get; private set; } = [];
    public string? HeadTitle => "Archive";

    public void OnGet() => Years = content.Current.Archive();
}
