using System.Collections.Concurrent;

namespace EventsBlog.Content;

/// <summary>
/// One instance of each category, tag, author and speaker name the posts use, shared by every post that
/// names it. Ten thousand posts name a few dozen tags and a few hundred speakers some 100,000 times: shared,
/// that many fewer objects stay alive (each one the GC copies twice while the posts load), and a taxon's slug
/// is worked out once. Safe to use from the threads that parse in parallel. It grows with the names the site
/// has ever used, a vocabulary the posts hold anyway.
/// </summary>
internal sealed class SharedNames
{
    private readonly ConcurrentDictionary<string, Taxon> _taxa = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);

    public SharedNames() => Share = name => _names.GetOrAdd(name, name);

    /// <summary>The taxon named so, its slug made by <see cref="Slugs.From"/> (empty for a name without letters or digits).</summary>
    public Taxon Taxon(string name) => _taxa.GetOrAdd(name, static name => new Taxon(name, Slugs.From(name)));

    /// <summary>The taxon named so, with the slug already made for it (as the start-up cache holds it).</summary>
    public Taxon Taxon(string name, string slug) => _taxa.GetOrAdd(name, static (name, slug) => new Taxon(name, slug), slug);

    /// <summary>The instance held of a name equal to the one given.</summary>
    /// <remarks>A delegate made once, not a method: every post keeps it (to name its talks' speakers when they are
    /// found), and a method group would make a new delegate per post.</remarks>
    public Func<string, string> Share { get; }
}
