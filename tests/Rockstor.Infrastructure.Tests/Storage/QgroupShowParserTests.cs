using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class QgroupShowParserTests
{
    [Fact]
    public void Referenced_bytes_are_read_per_subvolume_id()
    {
        var referenced = QgroupShowParser.Parse(TestData.Read("qgroup-show-raw.txt"));

        // The Referenced column of every level-0 group, as captured: the share and its snapshots hold a 3 MiB file.
        Assert.Equal(
            new Dictionary<long, long> { [5] = 16_384, [256] = 3_162_112, [257] = 3_162_112, [258] = 3_162_112, [259] = 3_162_112, [260] = 16_384 },
            referenced);
    }
}
