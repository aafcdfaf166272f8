namespace EventsBlog.Content;

/// <summary>Holds the current <see cref="ContentIndex"/>; a new snapshot replaces the old one atomically.</summary>
public sealed class ContentStore
{
    private ContentIndex _current = ContentIndex.Empty;

    public ContentIndex Current => Volatile.Read(ref _current);

    public void Publish(ContentIndex index) => Volatile.Write(ref _current, index);
}
