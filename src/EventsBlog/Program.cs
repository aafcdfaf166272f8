using EventsBlog.Content;
using EventsBlog.Rendering;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    // appsettings.json sits beside EventsBlog.dll: the published app runs from any working directory.
    ContentRootPath = AppContext.BaseDirectory,
    WebRootPath = AppLayout.WebRoot,
});

builder.Services.AddEventsContent(builder.Configuration);
builder.Services.AddEventsRendering();
builder.Services.AddRazorPages();

var app = builder.Build();

app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/not-found");
app.UseStaticFiles();
app.UseRouting();

app.MapHealthChecks("/healthz");
app.MapRazorPages();
app.MapOldPathRedirects();

app.Run();

/// <summary>Entry point, visible to <c>WebApplicationFactory</c> in the tests.</summary>
public partial class Program;
