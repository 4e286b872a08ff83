using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class QgroupShowParserTests
{
    [Fact]
    public void Referenced_bytes_are_read_per_subvolume_id()
    {
        var referenced = QgroupShowParser.Parse(TestData.Read("qgroup-show-raw.txt"));

        Assert.True(referenced[256] > 3_000_000, "the share holds a 3 MiB file");
        Assert.Contains(257L, referenced.Keys);
    }
}
