using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;

namespace Rockstor.Domain.Tests.Pools;

public sealed class PoolMountOptionsTests
{
    [Theory]
    [InlineData("zstd:16", "Compression is \"off\", \"zstd\", \"zstd:1\" to \"zstd:15\", or \"lzo\", not \"zstd:16\".")]
    [InlineData("gzip", "Compression is \"off\", \"zstd\", \"zstd:1\" to \"zstd:15\", or \"lzo\", not \"gzip\".")]
    public void A_compression_btrfs_lacks_is_refused_with_what_it_has(string compression, string expected) =>
        Assert.Equal(expected, Assert.Throws<ValidationException>(() => PoolMountOptions.Parse(compression, [])).Message);

    [Theory]
    [InlineData("subvol=/etc")]
    [InlineData("dev")]
    [InlineData("commit=1")]
    [InlineData("noatime,suid")]
    public void An_option_off_the_safe_list_is_refused(string option) =>
        Assert.Contains("is not a mount option the appliance sets", Assert.Throws<ValidationException>(() => PoolMountOptions.Parse("off", [option])).Message, StringComparison.Ordinal);

    [Fact]
    public void A_first_mount_takes_the_compression_and_the_options()
    {
        var options = PoolMountOptions.Parse("ZSTD:3", ["noatime", "commit=60", "noatime"]);

        Assert.Equal(["compress=zstd:3", "noatime", "commit=60"], options.ForMount());
        Assert.Empty(PoolMountOptions.Default.ForMount());
    }

    [Fact]
    public void A_remount_undoes_what_is_dropped()
    {
        var before = PoolMountOptions.Parse("lzo", ["noatime", "autodefrag", "commit=60"]);
        var after = PoolMountOptions.Parse("off", ["autodefrag"]);

        Assert.Equal(["compress=no", "autodefrag", "relatime", "commit=30"], after.ForRemount(before));
    }

    [Fact]
    public void The_free_space_tree_is_set_and_dropping_it_undoes_nothing()
    {
        var before = PoolMountOptions.Parse("off", ["space_cache=v2", "noatime"]);
        var after = PoolMountOptions.Parse("off", ["noatime"]);

        Assert.Equal(["space_cache=v2", "noatime"], before.ForMount());
        Assert.Equal(["compress=no", "noatime"], after.ForRemount(before));
        Assert.Contains("space_cache=v2", PoolMountOptions.AllowedOptions, StringComparison.Ordinal);
    }
}
