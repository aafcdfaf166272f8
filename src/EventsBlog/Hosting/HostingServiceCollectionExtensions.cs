using System.IO.Compression;
using System.Net;
using EventsBlog.Content;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.IO;
using Prometheus;

namespace EventsBlog.Hosting;

/// <summary>Running on the open internet: headers, proxies, limits, logs, metrics, compression and caching.</summary>
public static class HostingServiceCollectionExtensions
{
    public static IServiceCollection AddEventsHosting(this IServiceCollection services)
    {
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimits>();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, TrustedProxies>();
        services.AddHttpLogging(logging =>
        {
            logging.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestQuery
                | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            logging.CombineLogs = true;
        });
        services.AddHttpLoggingInterceptor<RequestIdLogging>();
        // Static files only: the site's pages are compressed once, in the page cache.
        services.AddResponseCompression(compression =>
        {
            compression.EnableForHttps = true; // pages carry no secrets for BREACH to find
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Optimal);
        services.AddSingleton<PageCache>();
        // Pages are made into pooled blocks, not a MemoryStream that doubles as it grows: the archive of 10,000
        // posts (2.3 MB) left 6 MB of discarded buffers in the large object heap, kept until a full collection.
        services.AddSingleton(new RecyclableMemoryStreamManager(new RecyclableMemoryStreamManager.Options
        {
            BlockSize = 16 * 1024, // an event page fits in one block
            MaximumSmallPoolFreeBytes = 256 * 1024, // beyond what pages being made at once use, blocks go back to the GC
        }));
        services.AddHostedService<PageCacheEvictor>();
        return services;
    }

    /// <summary>
    /// The outer pipeline, in order: proxies (the page cache keys on the scheme and host), logs and metrics
    /// (hits are counted too), the wait for the first posts, the page cache, then security headers
    /// (replayed by the cache on hits) and compression of the rest.
    /// </summary>
    public static void UseEventsHosting(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<BlogOptions>>().Value;
        // Forwarded headers are believed from known proxies only: with none, there is nothing to do per request.
        if (options.KnownProxies.Length > 0)
            app.UseForwardedHeaders();
        app.UseHttpLogging();
        if (options.Metrics)
            app.UseHttpMetrics();
        app.UseFirstLoadGate();
        app.UseMiddleware<PageCacheMiddleware>();
        app.UseSecurityHeaders(SecurityHeaders.Policies(options));
        app.UseResponseCompression();
    }

    /// <summary><c>/metrics</c> in Prometheus format, only when <c>Blog:Metrics</c> is true.</summary>
    public static void MapEventsMetrics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<BlogOptions>>().Value.Metrics)
            app.MapMetrics("/metrics");
    }

    /// <summary>A read-only site needs no large requests; no Server header.</summary>
    private sealed class KestrelLimits : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions options)
        {
            options.AddServerHeader = false;
            options.Limits.MaxRequestBodySize = 64 * 1024;
            options.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            options.Limits.MaxRequestHeaderCount = 64;
            options.Limits.MaxRequestLineSize = 8 * 1024;
            options.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(15);
        }
    }

    /// <summary>X-Forwarded-For and -Proto are believed only from <c>Blog:KnownProxies</c>; by default from nobody.</summary>
    private sealed class TrustedProxies(IOptions<BlogOptions> blog) : IConfigureOptions<ForwardedHeadersOptions>
    {
        public void Configure(ForwardedHeadersOptions options)
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in blog.Value.KnownProxies)
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            options.ForwardLimit = Math.Max(1, blog.Value.KnownProxies.Length);
        }
    }
}
