using EventsBlog.Content;

namespace EventsBlog.Tests.Content;

public sealed class PackedTextTests
{
    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Short, with ünïcödé, 中文 and an emoji 🎤.")]
    public void Text_unpacks_to_what_was_packed(string text)
    {
        var packed = PackedText.Hold(text);
        packed.Compress();
        Assert.Equal(text, packed.Unpack());
    }

    [Fact]
    public void Text_held_reads_the_same_before_and_after_it_is_compressed()
    {
        var text = string.Concat(Enumerable.Repeat("Talk about ünïcödé and 中文. ", 40));
        var held = PackedText.Hold(text);
        Assert.False(held.IsCompressed);
        Assert.Equal(text, held.Unpack());

        held.Compress();
        held.Compress();

        Assert.True(held.IsCompressed);
        Assert.Equal(text, held.Unpack());
    }

    [Fact]
    public void A_post_body_is_held_in_a_fraction_of_its_size()
    {
        var body = string.Join("\n\n", Enumerable.Range(0, 30).Select(i => $"## Talk {i} - Speaker {i}\n\nSome words about the talk, the slides and the questions that followed."));
        var packed = PackedText.Hold(body);
        packed.Compress();
        Assert.Equal(body, packed.Unpack());
        Assert.True(packed.Size * 3 < body.Length, $"{packed.Size} bytes held for {body.Length} characters");
    }
}
