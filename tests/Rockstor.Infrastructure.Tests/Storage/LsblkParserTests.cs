using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class LsblkParserTests
{
    [Fact]
    public void Devices_their_mount_points_and_sizes_are_read()
    {
        var devices = LsblkParser.Parse(TestData.Read("lsblk.json"));

        var system = devices.Single(d => d.Name == "vda");
        Assert.True(system.Holds("/"));
        Assert.Equal("disk", system.Type);
        var loop = devices.Single(d => d.Name == "loop1");
        Assert.False(loop.MountedAnywhere);
        Assert.Equal(1L << 30, loop.Size);
    }
}
