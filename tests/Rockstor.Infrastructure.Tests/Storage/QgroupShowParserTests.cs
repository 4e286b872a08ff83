using Rockstor.Domain.Storage;
using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class QgroupShowParserTests
{
    [Fact]
    public void Referenced_and_exclusive_bytes_are_read_per_subvolume_id()
    {
        var sizes = QgroupShowParser.Parse(TestData.Read("qgroup-show-raw.txt"));

        // Every level-0 group, as captured: the share and its snapshots share a 3 MiB file, which only the
        // received copy holds alone.
        Assert.Equal(
            new Dictionary<long, QgroupSize>
            {
                [5] = new(16_384, 16_384),
                [256] = new(3_162_112, 16_384),
                [257] = new(3_162_112, 16_384),
                [258] = new(3_162_112, 16_384),
                [259] = new(3_162_112, 3_162_112),
                [260] = new(16_384, 16_384),
            },
            sizes);
    }
}
