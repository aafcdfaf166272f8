using EventsBlog.Content;

namespace EventsBlog.Hosting;

/// <summary>The response headers every answer carries (NetEscapades.AspNetCore.SecurityHeaders).</summary>
public static class SecurityHeaders
{
    public static HeaderPolicyCollection Policies(BlogOptions options) => new HeaderPolicyCollection()
        .AddDefaultSecurityHeaders() // X-Content-Type-Options, X-Frame-Options, Referrer-Policy, HSTS over https, no Server
        .AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 60 * 60 * 24 * 365)
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().Self();
            csp.AddStyleSrc().Self();
            // Pictures authors link from elsewhere keep showing.
            csp.AddImgSrc().Self().Data().From("https:");
            var frames = csp.AddFrameSrc();
            foreach (var host in options.Embeds.AllowedHosts)
                frames.From($"https://{host}");
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFrameAncestors().None();
            csp.AddFormAction().Self();
        })
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddCamera().None();
            permissions.AddMicrophone().None();
            permissions.AddGeolocation().None();
            permissions.AddPayment().None();
            permissions.AddUsb().None();
            permissions.AddFullscreen().Self().For("*");
            permissions.AddAutoplay().Self().For("*");
        })
        .RemoveServerHeader();
}
