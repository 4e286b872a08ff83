using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Storage;

public class RaidLevelTests
{
    [Theory]
    [InlineData(RaidLevel.Single, 1)]
    [InlineData(RaidLevel.Raid0, 2)]
    [InlineData(RaidLevel.Raid1, 2)]
    [InlineData(RaidLevel.Raid10, 4)]
    [InlineData(RaidLevel.Raid5, 2)]
    [InlineData(RaidLevel.Raid6, 3)]
    [InlineData(RaidLevel.Dup, 1)]
    [InlineData(RaidLevel.Raid1c3, 3)]
    [InlineData(RaidLevel.Raid1c4, 4)]
    public void Each_level_accepts_its_minimum_and_refuses_one_less(RaidLevel level, int minimum)
    {
        RaidLevels.ValidateDeviceCount(level, minimum);
        RaidLevels.ValidateDeviceCount(level, minimum + 3);

        var error = Assert.Throws<ValidationException>(() => RaidLevels.ValidateDeviceCount(level, minimum - 1));
        Assert.Contains($"at least {minimum}", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("raid10", RaidLevel.Raid10)]
    [InlineData("RAID1", RaidLevel.Raid1)]
    [InlineData(" single ", RaidLevel.Single)]
    [InlineData("dup", RaidLevel.Dup)]
    [InlineData("RAID1C3", RaidLevel.Raid1c3)]
    public void Levels_parse_from_their_profile_names(string text, RaidLevel expected)
    {
        Assert.Equal(expected, RaidLevels.Parse(text));
        Assert.Equal(expected, RaidLevels.Parse(expected.ToProfile()));
    }

    [Theory]
    [InlineData("raid7")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("raid1c5")]
    public void Unknown_levels_are_refused_with_the_list_of_levels(string? text)
    {
        var error = Assert.Throws<ValidationException>(() => RaidLevels.Parse(text));

        Assert.Contains("single, dup, raid0, raid1, raid1c3, raid1c4, raid10, raid5, raid6", error.Message, StringComparison.Ordinal);
    }
}
