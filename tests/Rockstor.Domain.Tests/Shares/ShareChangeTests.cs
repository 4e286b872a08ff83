using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Shares;

public sealed class ShareChangeTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Owner_group_mode_limit_and_compression_go_on_the_subvolume_and_into_the_store()
    {
        var nas = await Appliance.StartAloneAsync();
        var alice = await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        var path = await nas.ShareAsync("docs", "x");

        var view = await nas.Shares.ChangeAsync("docs", new ShareChange("alice", "users", "2770", 1.5, "zstd"), None);

        Assert.Equal(("alice", "users", "2770", 1_610_612_736L, ShareCompression.Zstd), (view.Share.Owner, view.Share.Group, view.Share.Mode, view.Share.SizeLimitBytes, view.Share.Compression));
        Assert.Equal((alice.Uid, 100, (UnixFileMode)Convert.ToInt32("2770", 8)), nas.Files.Ownership[path]);
        Assert.Equal((1_610_612_736L, ShareCompression.Zstd), nas.Btrfs.Settings[path]);
        Assert.Equal(view.Share, nas.Shares.Require("docs"));
    }

    [Theory]
    [InlineData("olduser", null, null, null, null, "cannot own a share")]
    [InlineData(null, "olduser", null, null, null, "cannot be a share's group")]
    [InlineData(null, null, "4755", null, null, "is not a folder mode")]
    [InlineData(null, null, "rwxr-x---", null, null, "is not a folder mode")]
    [InlineData(null, null, null, -1.0, null, "The size limit must be between 0")]
    [InlineData(null, null, null, 0.0000001, null, "A size limit under 1 MiB")]
    [InlineData(null, null, null, null, "gzip", "is not a compression")]
    public async Task A_setting_that_does_not_fit_is_refused_and_the_share_is_unchanged(
        string? owner, string? group, string? mode, double? limit, string? compression, string sentence)
    {
        var nas = await Appliance.StartAloneAsync();
        var path = await nas.ShareAsync("docs", "x");
        var before = nas.Shares.Require("docs");

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Shares.ChangeAsync("docs", new ShareChange(owner, group, mode, limit, compression), None));

        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, nas.Shares.Require("docs"));
        Assert.False(nas.Btrfs.Settings.ContainsKey(path));
    }

    [Fact]
    public async Task When_btrfs_refuses_the_limit_the_folder_gets_its_old_owner_back()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        var path = await nas.ShareAsync("docs", "x");
        nas.Btrfs.Fail(nameof(Domain.Storage.IBtrfs.SetSizeLimitAsync), new StorageCommandException("no", "btrfs qgroup limit", "told to fail"));

        await Assert.ThrowsAsync<StorageCommandException>(() => nas.Shares.ChangeAsync("docs", new ShareChange(Owner: "alice", SizeLimitGiB: 1), None));

        Assert.Equal("root", nas.Shares.Require("docs").Owner);
        Assert.Equal(0, nas.Files.Ownership[path].Uid);
    }
}
