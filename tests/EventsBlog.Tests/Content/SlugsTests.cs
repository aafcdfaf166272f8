using EventsBlog.Content;

namespace EventsBlog.Tests.Content;

public class SlugsTests
{
    [Theory]
    [InlineData("Arktos v0.7", "arktos-v0-7")]
    [InlineData("  Hello,   World!  ", "hello-world")]
    [InlineData("talks & videos", "talks-videos")]
    [InlineData("Cloud-Native Day", "cloud-native-day")]
    [InlineData("云原生社区 Meetup", "云原生社区-meetup")]
    [InlineData("ÉTÉ à Zürich", "été-à-zürich")]
    [InlineData("C++ & C#", "c-c")]
    [InlineData("!!!", "")]
    public void Slug_rule(string text, string slug) => Assert.Equal(slug, Slugs.From(text));

    [Fact]
    public void Decomposed_text_is_normalised_to_nfc() =>
        Assert.Equal("café", Slugs.From("Cafe\u0301"));

    [Fact]
    public void Unique_ids_get_numbered_suffixes()
    {
        var ids = new Slugs.UniqueIds();
        Assert.Equal(["resources", "resources-1", "resources-2", "section"], new[] { ids.Next("Resources"), ids.Next("Resources"), ids.Next("resources!"), ids.Next("???") });
    }
}
