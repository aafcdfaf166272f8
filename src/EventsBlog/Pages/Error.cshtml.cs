using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages;

/// <summary>The 500 page: no details for the visitor; the exception handler has logged them with this request id.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel, IPageHead
{
    public string RequestId { get; private set; } = "";
    public string? HeadTitle => "Error";

    public void OnGet() => Respond();

    public void OnPost() => Respond();

    private void Respond()
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        Response.StatusCode = StatusCodes.Status500InternalServerError;
    }
}
