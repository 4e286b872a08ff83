using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class SubvolumeListParserTests
{
    [Fact]
    public void Uuid_columns_are_read_and_a_dash_means_none()
    {
        var entries = SubvolumeListParser.Parse(TestData.Read("subvolume-list-uqR.txt"));

        Assert.Equal(5, entries.Count);
        var share = entries[0];
        Assert.Equal((256L, "docs", "24d965d1-1c9f-c548-97ca-8a39a749e201"), (share.Id, share.Path, share.Uuid));
        Assert.Null(share.ParentUuid);
        Assert.Null(share.ReceivedUuid);
        var snapshot = entries[1];
        Assert.Equal(".snapshots/docs/0f3a-daily", snapshot.Path);
        Assert.Equal(share.Uuid, snapshot.ParentUuid);
        var received = entries[3];
        Assert.Equal(snapshot.Uuid, received.ReceivedUuid);
    }

    [Fact]
    public void A_path_with_spaces_is_kept_whole()
    {
        var entries = SubvolumeListParser.Parse(TestData.Read("subvolume-list-uqR.txt"));

        Assert.Equal("with space/sub vol", entries[4].Path);
    }

    [Fact]
    public void Snapshot_listing_gives_creation_times_in_utc()
    {
        var entries = SubvolumeListParser.Parse(TestData.Read("subvolume-list-s.txt"));

        Assert.Equal([257L, 258L], entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.Equal(TimeSpan.Zero, e.OTime!.Value.Offset));
        Assert.Equal(2026, entries[0].OTime!.Value.Year);
    }

    [Fact]
    public void Read_only_listing_names_the_read_only_subvolumes()
    {
        var ids = SubvolumeListParser.Parse(TestData.Read("subvolume-list-r.txt")).Select(e => e.Id);

        Assert.Equal([257L, 259L], ids);
    }

    [Fact]
    public void A_line_without_a_path_is_rejected()
    {
        Assert.Throws<FormatException>(() => SubvolumeListParser.Parse("ID 256 gen 10 top level 5"));
    }
}
