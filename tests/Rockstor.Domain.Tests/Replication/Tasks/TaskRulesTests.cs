using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Domain.Tests.Replication.Tasks;

public sealed class TaskRulesTests
{
    [Theory]
    [InlineData("off", CompressionMode.Off)]
    [InlineData("Auto", CompressionMode.Auto)]
    [InlineData("ON", CompressionMode.On)]
    public void A_compression_mode_is_taken_in_any_case(string named, CompressionMode expected) =>
        Assert.Equal(expected, TaskRules.Compression(named));

    [Theory]
    [InlineData("zstd")]
    [InlineData("1")]
    [InlineData("7")]
    public void A_compression_that_is_not_off_on_or_auto_is_refused_even_as_a_number(string named) =>
        Assert.Equal($"Compression is \"off\", \"on\" or \"auto\", not \"{named}\".", Assert.Throws<ValidationException>(() => TaskRules.Compression(named)).Message);
}
