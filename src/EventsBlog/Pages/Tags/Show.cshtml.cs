using EventsBlog.Content;
using EventsBlog.Pages.Shared;

namespace EventsBlog.Pages.Tags;

public sealed class ShowModel(ContentStore content, BlogClock clock) : TaxonPageModel(content, clock)
{
    protected override string Kind => "Tag";

    protected override (Taxon Taxon, IReadOnlyList<Post> Posts)? Find(ContentIndex index, string slug) => index.Tag(slug);
}
