using System.ServiceModel.Syndication;
using EventsBlog.Content;
using Microsoft.Extensions.Options;

namespace EventsBlog.Discovery;

/// <summary>RSS 2.0 at <c>/feed.xml</c> and Atom at <c>/atom.xml</c> (System.ServiceModel.Syndication): the newest posts.</summary>
public static class FeedEndpoints
{
    public const int ItemCount = 20;

    public static void MapFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/feed.xml", (HttpContext context, ContentStore content, SiteUrls urls, IOptions<BlogOptions> options) =>
            Write(Feed(context.Request, content.Current, urls, options.Value), feed => new Rss20FeedFormatter(feed), "application/rss+xml"));
        endpoints.MapGet("/atom.xml", (HttpContext context, ContentStore content, SiteUrls urls, IOptions<BlogOptions> options) =>
            Write(Feed(context.Request, content.Current, urls, options.Value), feed => new Atom10FeedFormatter(feed), "application/atom+xml"));
    }

    private static SyndicationFeed Feed(HttpRequest request, ContentIndex index, SiteUrls urls, BlogOptions options)
    {
        var posts = index.NewestFirst.Take(ItemCount).ToArray();
        var home = urls.Absolute(request, "/");
        var feed = new SyndicationFeed(options.Title, options.Description, home)
        {
            Id = home.AbsoluteUri,
            Language = options.Language,
            // From the content, not the clock: the same posts give the same feed.
            LastUpdatedTime = posts.Length > 0 ? Midnight(posts[0].Date) : DateTimeOffset.UnixEpoch,
            Items = posts.Select(post => Item(request, post, urls)).ToArray(),
        };
        return feed;
    }

    private static SyndicationItem Item(HttpRequest request, Post post, SiteUrls urls)
    {
        var link = urls.Post(request, post);
        var item = new SyndicationItem(post.Title, post.Summary, link, link.AbsoluteUri, Midnight(post.Date))
        {
            PublishDate = Midnight(post.Date),
        };
        foreach (var category in post.Categories)
            item.Categories.Add(new SyndicationCategory(category.Name));
        foreach (var author in post.Authors)
            item.Authors.Add(new SyndicationPerson { Name = author });
        return item;
    }

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static IResult Write(SyndicationFeed feed, Func<SyndicationFeed, SyndicationFeedFormatter> formatter, string mediaType) =>
        Results.Bytes(XmlBytes.Write(writer => formatter(feed).WriteTo(writer)), $"{mediaType}; charset=utf-8");
}
