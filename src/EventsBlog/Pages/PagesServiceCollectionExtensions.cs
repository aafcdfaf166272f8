using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventsBlog.Pages;

public static class PagesServiceCollectionExtensions
{
    /// <summary>
    /// Razor Pages without loading OpenSSL, which the site needs for nothing (no HTTPS of its own in the image, no
    /// forms, cookies or sign-in) and which cost 8 MiB resident with what came with it. Three things loaded it:
    /// data protection's hosted service, which loads a key ring at every start (in a new container it makes a key,
    /// writes it to a folder that does not outlive the container and warns about that), now made only if something
    /// asks for one; antiforgery, which names its cookie from a SHA-256 hash when the first page is made, named here
    /// instead, before Razor Pages' own setup runs (a form post would still be checked for its token); and the
    /// SHA-256 of <c>asp-append-version</c> (<see cref="AssetVersions"/>).
    /// </summary>
    public static IServiceCollection AddEventsPages(this IServiceCollection services)
    {
        services.Configure<AntiforgeryOptions>(antiforgery => antiforgery.Cookie.Name = ".EventsBlog.Antiforgery");
        services.AddRazorPages();
        services.Replace(ServiceDescriptor.Singleton<IFileVersionProvider, AssetVersions>());
        var startupKeyRing = services.SingleOrDefault(descriptor => descriptor.ServiceType == typeof(IHostedService)
            && descriptor.ImplementationType?.FullName == "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService");
        if (startupKeyRing is not null)
            services.Remove(startupKeyRing);
        return services;
    }
}
