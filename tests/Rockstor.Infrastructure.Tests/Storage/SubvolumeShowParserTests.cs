using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class SubvolumeShowParserTests
{
    [Fact]
    public void A_read_only_snapshot_shows_its_flags_parent_and_creation_time()
    {
        var subvolume = SubvolumeShowParser.Parse(TestData.Read("subvolume-show-readonly.txt"), ".snapshots/docs/0f3a-daily");

        Assert.True(subvolume.ReadOnly);
        Assert.Equal(257, subvolume.Id);
        Assert.Equal("ffee48f1-7f7f-d34e-b333-78cb637d2a48", subvolume.Uuid);
        Assert.Equal("24d965d1-1c9f-c548-97ca-8a39a749e201", subvolume.ParentUuid);
        Assert.Null(subvolume.ReceivedUuid);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 10, 47, 25, TimeSpan.Zero), subvolume.CreatedAt); // "Creation time: 2026-11-24 10:47:25 +0000"
    }

    [Fact]
    public void A_received_subvolume_carries_the_source_uuid()
    {
        var subvolume = SubvolumeShowParser.Parse(TestData.Read("subvolume-show-received.txt"), "recv/0f3a-daily");

        Assert.True(subvolume.ReadOnly);
        Assert.Equal("ffee48f1-7f7f-d34e-b333-78cb637d2a48", subvolume.ReceivedUuid);
    }

    [Fact]
    public void A_share_is_writable()
    {
        var subvolume = SubvolumeShowParser.Parse(TestData.Read("subvolume-show-share.txt"), "docs");

        Assert.False(subvolume.ReadOnly);
        Assert.Null(subvolume.ParentUuid);
    }
}
