using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace EventsBlog.Pages;

/// <summary>
/// The 500 page: no details for the visitor, and one log entry with the exception under the request id
/// the page shows (the exception handler's own logging is switched off in favour of this one).
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel, IPageHead
{
    public string RequestId { get; private set; } = "";
    public string? HeadTitle => "Error";

    public void OnGet() => Respond();

    public void OnPost() => Respond();

    private void Respond()
    {
        RequestId = HttpContext.TraceIdentifier;
        Response.StatusCode = StatusCodes.Status500InternalServerError;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is { } failure)
            logger.LogError(failure.Error, "Request {RequestId} ({Method} {Path}) failed", RequestId, Request.Method, failure.Path);
    }
}
