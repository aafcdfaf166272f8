using EventsBlog.Content;
using EventsBlog.Pages.Shared;

namespace EventsBlog.Pages.Categories;

public sealed class ShowModel(ContentStore content, BlogClock clock) : TaxonPageModel(content, clock)
{
    protected override string Kind => "Category";

    protected override (Taxon Taxon, IReadOnlyList<Post> Posts)? Find(ContentIndex index, string slug) => index.Category(slug);
}
