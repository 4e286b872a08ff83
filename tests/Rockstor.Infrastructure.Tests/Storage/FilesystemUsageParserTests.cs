using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

public class FilesystemUsageParserTests
{
    [Fact]
    public void Raid1_size_is_half_the_raw_device_size()
    {
        var usage = FilesystemUsageParser.Parse(TestData.Read("filesystem-usage-raid1.txt"));

        Assert.Equal(1L << 30, usage.SizeBytes);
        Assert.Equal(13_074_432 / 2, usage.UsedBytes);
    }

    [Fact]
    public void Output_without_the_totals_is_rejected()
    {
        Assert.Throws<FormatException>(() => FilesystemUsageParser.Parse("Overall:\n"));
    }
}
