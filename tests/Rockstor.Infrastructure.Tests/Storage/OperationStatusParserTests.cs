using Rockstor.Domain.Pools.Operations;
using Rockstor.Infrastructure.Storage;
using Rockstor.Infrastructure.Tests.Support;

namespace Rockstor.Infrastructure.Tests.Storage;

/// <summary>btrfs's reports of scrubs, balances and replacements, captured from btrfs-progs 6.2 while each ran, paused and ended.</summary>
public sealed class OperationStatusParserTests
{
    [Fact]
    public void A_running_scrub_counts_data_and_tree_bytes_scrubbed()
    {
        var status = ScrubStatusParser.Parse(TestData.Read("scrub-status-running.txt"));

        Assert.Equal(new ScrubStatus(ScrubState.Running, 253_755_392L + 1_802_240L, 0, 0, 0), status);
    }

    [Fact]
    public void A_cancelled_scrub_is_aborted_and_a_finished_one_finished()
    {
        Assert.Equal(ScrubState.Aborted, ScrubStatusParser.Parse(TestData.Read("scrub-status-aborted.txt")).State);
        Assert.Equal(
            new ScrubStatus(ScrubState.Finished, 1_468_006_400L + 1_802_240L, 0, 0, 0),
            ScrubStatusParser.Parse(TestData.Read("scrub-status-finished.txt")));
    }

    [Fact]
    public void A_scrub_without_stats_yet_has_no_state_and_errors_are_summed_by_kind()
    {
        const string started = "UUID: x\n\tno stats available\n\tdata_bytes_scrubbed: 0\n";
        const string errors = "Status: finished\n\tread_errors: 1\n\tcsum_errors: 3\n\tverify_errors: 0\n\tsuper_errors: 0\n\tcorrected_errors: 3\n\tuncorrectable_errors: 1\n";

        Assert.Equal(ScrubStatus.Never, ScrubStatusParser.Parse(started));
        Assert.Equal(new ScrubStatus(ScrubState.Finished, 0, 4, 3, 1), ScrubStatusParser.Parse(errors));
    }

    [Fact]
    public void A_balance_is_read_running_paused_or_absent_with_its_chunks()
    {
        Assert.Equal(new BalanceStatus(BalanceState.Running, 1, 6, 83), BalanceStatusParser.Parse(TestData.Read("balance-status-running.txt")));
        Assert.Equal(new BalanceStatus(BalanceState.Paused, 2, 6, 67), BalanceStatusParser.Parse(TestData.Read("balance-status-paused.txt")));
        Assert.Equal(BalanceStatus.Idle, BalanceStatusParser.Parse(TestData.Read("balance-status-none.txt")));
        Assert.Throws<FormatException>(() => BalanceStatusParser.Parse("something else"));
    }

    [Fact]
    public void A_replacement_is_read_never_started_running_and_finished()
    {
        Assert.Equal(ReplaceState.NeverStarted, ReplaceStatusParser.Parse(TestData.Read("replace-status-never.txt")).State);
        Assert.Equal(new ReplaceStatus(ReplaceState.Running, 33.9, 0, 0), ReplaceStatusParser.Parse(TestData.Read("replace-status-running.txt")));
        Assert.Equal(new ReplaceStatus(ReplaceState.Finished, 100, 0, 0, "30.Nov 15:47:58"), ReplaceStatusParser.Parse(TestData.Read("replace-status-finished.txt")));
        Assert.Equal(
            new ReplaceStatus(ReplaceState.Cancelled, 12.5, 2, 1, "30.Nov 15:47:58"),
            ReplaceStatusParser.Parse("Started on 30.Nov 15:47:58, canceled on 30.Nov 15:48:10 at 12.5%, 2 write errs, 1 uncorr. read errs"));
    }

    [Fact]
    public void Mixed_block_groups_count_as_both_data_and_metadata()
    {
        var profiles = ChunkProfilesParser.Parse("System, single: total=4194304, used=4096\nData+Metadata, single: total=8388608, used=40960\nGlobalReserve, single: total=5767168, used=0\n");

        Assert.Equal(["single", "single"], [.. profiles.Data, .. profiles.Metadata]);
    }

    [Fact]
    public void A_conversion_half_way_shows_both_profiles_of_data_and_metadata()
    {
        var profiles = ChunkProfilesParser.Parse(TestData.Read("filesystem-df-converting.txt"));

        Assert.Equal(["raid1", "raid1c3"], profiles.Data);
        Assert.Equal(["raid1", "raid1c3"], profiles.Metadata);
        Assert.True(profiles.Mixed);
    }
}
