using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Domain.Tests.SnapshotFiles;

public sealed class SnapshotFilePathTests
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/", "/")]
    [InlineData("reports/2026/q1.pdf", "/reports/2026/q1.pdf")]
    [InlineData("//reports///q1.pdf/", "/reports/q1.pdf")]
    [InlineData("a name with spaces/ünïcode", "/a name with spaces/ünïcode")]
    [InlineData("...hidden/..x", "/...hidden/..x")]
    public void A_path_is_kept_as_its_names_from_the_top_of_the_snapshot(string? given, string expected) =>
        Assert.Equal(expected, SnapshotFilePath.Parse(given).ToString());

    [Theory]
    [InlineData("..")]
    [InlineData("../etc/passwd")]
    [InlineData("reports/../../etc")]
    [InlineData("/./reports")]
    [InlineData("reports/.")]
    public void A_path_that_climbs_out_of_its_folder_is_refused_with_a_sentence(string given)
    {
        var refused = Assert.Throws<ValidationException>(() => SnapshotFilePath.Parse(given));

        Assert.Contains("climbs out of its folder", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nul_or_an_overlong_path_is_refused()
    {
        Assert.Throws<ValidationException>(() => SnapshotFilePath.Parse("reports\0/x"));
        Assert.Throws<ValidationException>(() => SnapshotFilePath.Parse(new string('a', SnapshotFilePath.MaxLength + 1)));
    }

    [Fact]
    public void A_path_found_below_a_folder_joins_under_it()
    {
        var folder = SnapshotFilePath.Parse("reports");

        Assert.Equal("/reports/2026/q1.pdf", folder.Below(SnapshotFilePath.Parse("2026/q1.pdf")).ToString());
        Assert.Equal("q1.pdf", folder.Below(SnapshotFilePath.Parse("2026/q1.pdf")).Name);
        Assert.Equal(SnapshotFilePath.Parse("/reports/"), folder);
    }
}
