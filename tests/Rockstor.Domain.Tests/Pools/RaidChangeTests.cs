using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Pools;

public sealed class RaidChangeTests
{
    [Fact]
    public void Raising_redundancy_needs_no_confirmation_and_lowering_it_does()
    {
        RaidChange.Validate(RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Raid1c3, RaidLevel.Raid1c3, deviceCount: 3, confirmed: false);

        var lowering = Assert.Throws<ValidationException>(() => RaidChange.Validate(RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Single, RaidLevel.Raid1, 2, confirmed: false));
        RaidChange.Validate(RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Single, RaidLevel.Raid1, 2, confirmed: true);

        Assert.Contains("no longer survives the loss of a disk", lowering.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raid5_and_raid6_carry_btrfs_s_warning_and_are_refused_for_metadata()
    {
        var parity = Assert.Throws<ValidationException>(() => RaidChange.Validate(RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Raid5, RaidLevel.Raid1, 3, confirmed: false));
        var metadata = Assert.Throws<ValidationException>(() => RaidChange.Validate(RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Raid6, RaidLevel.Raid6, 4, confirmed: true));

        Assert.Contains("write hole", parity.Message, StringComparison.Ordinal);
        Assert.Contains("Metadata cannot be on raid5 or raid6", metadata.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(RaidLevel.Raid1c3, 2, "raid1c3 needs at least 3 devices")]
    [InlineData(RaidLevel.Raid1c4, 3, "raid1c4 needs at least 4 devices")]
    [InlineData(RaidLevel.Raid10, 3, "raid10 needs at least 4 devices")]
    [InlineData(RaidLevel.Dup, 2, "dup keeps both copies on one device")]
    public void A_level_the_disks_cannot_carry_is_refused(RaidLevel level, int devices, string sentence)
    {
        var refused = Assert.Throws<ValidationException>(() => RaidChange.Validate(RaidLevel.Single, RaidLevel.Raid1, level, RaidChange.DefaultMetadata(level, devices), devices, confirmed: true));

        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_levels_again_are_refused_with_what_the_pool_is()
    {
        var same = Assert.Throws<ValidationException>(() => RaidChange.Validate(RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Raid1, RaidLevel.Raid1, 2, confirmed: true));

        Assert.Equal("The pool is raid1 with metadata on raid1 already.", same.Message);
    }

    [Theory]
    [InlineData(RaidLevel.Single, 1, RaidLevel.Dup)]
    [InlineData(RaidLevel.Single, 2, RaidLevel.Raid1)]
    [InlineData(RaidLevel.Raid5, 3, RaidLevel.Raid1)]
    [InlineData(RaidLevel.Raid6, 4, RaidLevel.Raid1c3)]
    [InlineData(RaidLevel.Raid1c4, 4, RaidLevel.Raid1c4)]
    public void Metadata_goes_with_data_at_least_as_redundant_and_never_on_parity(RaidLevel data, int devices, RaidLevel metadata) =>
        Assert.Equal(metadata, RaidChange.DefaultMetadata(data, devices));
}
