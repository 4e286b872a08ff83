using Rockstor.Domain.Common;

namespace Rockstor.Domain.Tests.Common;

public class ResourceNameTests
{
    [Theory]
    [InlineData("docs")]
    [InlineData("0f3a9c_docs")]
    [InlineData("123e4567-e89b")]
    [InlineData("a.b-c_d")]
    [InlineData("A")]
    public void Letters_digits_dash_underscore_and_dot_are_allowed_and_a_digit_may_come_first(string name)
    {
        Assert.True(ResourceName.IsValid(name));
        Assert.Equal(name, ResourceName.Validate(name, "share"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("a..b")]
    [InlineData(".hidden")]
    [InlineData("-rf")]
    [InlineData("_x")]
    [InlineData("with space")]
    [InlineData("semi;colon")]
    [InlineData("$(reboot)")]
    [InlineData("ünïcode")]
    public void Anything_else_is_refused(string? name)
    {
        Assert.False(ResourceName.IsValid(name));
    }

    [Fact]
    public void Names_are_bounded_in_length()
    {
        Assert.True(ResourceName.IsValid(new string('a', ResourceName.MaxLength)));
        Assert.False(ResourceName.IsValid(new string('a', ResourceName.MaxLength + 1)));
    }

    [Fact]
    public void The_refusal_says_what_is_allowed()
    {
        var error = Assert.Throws<ValidationException>(() => ResourceName.Validate("a/b", "share"));

        Assert.Equal($"'a/b' is not a valid share name. {ResourceName.Rule}", error.Message);
    }
}
