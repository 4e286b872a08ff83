using Rockstor.Domain.Common;

namespace Rockstor.Domain.Tests.Common;

public sealed class EchoTests
{
    [Fact]
    public void A_short_value_is_repeated_whole()
    {
        Assert.Equal("docs", Echo.Of("docs"));
        Assert.Equal(new string('a', Echo.MaxLength), Echo.Of(new string('a', Echo.MaxLength)));
        Assert.Equal("", Echo.Of(null));
    }

    [Fact]
    public void A_long_value_is_cut_to_its_first_64_characters_and_an_ellipsis()
    {
        var shown = Echo.Of(new string('x', 100_000));

        Assert.Equal(new string('x', 64) + "…", shown);
    }

    [Fact]
    public void Line_breaks_and_other_control_characters_are_shown_as_question_marks()
    {
        Assert.Equal("a?b?c?", Echo.Of("a\nb\rc\u001b"));
    }

    [Fact]
    public void A_cut_never_splits_a_character_in_two()
    {
        var text = new string('a', 63) + "😀" + "tail";

        var shown = Echo.Of(text);

        Assert.Equal(new string('a', 63) + "…", shown);
    }

    [Fact]
    public void A_sentence_from_another_appliance_keeps_more()
    {
        var reason = new string('r', 1000);

        Assert.Equal(Echo.MaxSentenceLength + 1, Echo.Of(reason, Echo.MaxSentenceLength).Length);
    }

    [Fact]
    public void Refusals_that_repeat_a_name_repeat_only_its_start()
    {
        var name = "x" + new string('/', 5000);

        var refusal = Assert.Throws<ValidationException>(() => ResourceName.Validate(name, "share"));

        Assert.StartsWith($"'x{new string('/', 63)}…' is not a valid share name.", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.Message.Length < 250, refusal.Message);
    }
}
