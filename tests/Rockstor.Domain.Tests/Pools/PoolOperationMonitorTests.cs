using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Pools;

/// <summary>How the poller reads btrfs's answers into an operation's state, on a fake clock.</summary>
public sealed class PoolOperationMonitorTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
    private readonly FakeBtrfsOperations _btrfs = new();
    private readonly PoolOperationRecords _records = new();
    private readonly RunningCommands _commands = new();
    private Appliance _nas = default!;
    private PoolOperationMonitor _monitor = default!;

    [Fact]
    public async Task A_scrub_whose_command_still_runs_counts_as_running_whatever_an_older_status_says()
    {
        await StartAsync();
        var scrub = Add(PoolOperationKind.Scrub);
        var command = new TaskCompletionSource();
        _commands.Hold(scrub.Id, new RunningCommands.Launched(command.Task, new CancellationTokenSource()));
        _btrfs.Scrub = new ScrubStatus(ScrubState.Aborted, 10, 0, 0, 0); // an earlier scrub's, until the first write

        await _monitor.PollAsync(default);
        var meanwhile = _records.Find(scrub.Id)!;
        command.SetResult();
        _btrfs.Scrub = new ScrubStatus(ScrubState.Finished, 1000, 2, 2, 0);
        await _monitor.PollAsync(default);
        var ended = _records.Find(scrub.Id)!;

        Assert.Equal(PoolOperationState.Running, meanwhile.State);
        Assert.Equal((PoolOperationState.Finished, 2L, "2 error(s) found, all corrected from a good copy."), (ended.State, ended.Progress.ErrorsFound, ended.Message));
    }

    [Fact]
    public async Task A_balance_the_admin_cancelled_ends_cancelled_and_a_conversion_that_stopped_short_fails_saying_where_it_is()
    {
        await StartAsync();
        var cancelled = Add(PoolOperationKind.Balance) with { Requested = PoolOperationState.Cancelled };
        _records.Update(cancelled);
        await _monitor.PollAsync(default);
        var converting = Add(PoolOperationKind.Balance) with { DataProfile = "raid1", MetadataProfile = "raid1" };
        _records.Update(converting);
        await _monitor.PollAsync(default);

        Assert.Equal(PoolOperationState.Cancelled, _records.Find(cancelled.Id)!.State);
        var failed = _records.Find(converting.Id)!;
        Assert.Equal(PoolOperationState.Failed, failed.State);
        Assert.Contains("data is on single, metadata on dup", failed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_whose_state_cannot_be_read_goes_on_being_read_and_ends_interrupted_after_ten_minutes()
    {
        await StartAsync();
        var balance = Add(PoolOperationKind.Balance);
        _btrfs.ReadFailure = new FormatException("btrfs balance status printed neither a running, a paused nor no balance.");

        await _monitor.PollAsync(default);
        var first = _records.Find(balance.Id)!;
        _time.Advance(PoolOperationMonitor.GiveUpAfter + TimeSpan.FromSeconds(1));
        await _monitor.PollAsync(default);
        var ended = _records.Find(balance.Id)!;

        Assert.Equal(PoolOperationState.Running, first.State);
        Assert.Equal(PoolOperationState.Interrupted, ended.State);
        Assert.Contains("could not be read from btrfs for 10 minutes", ended.Message, StringComparison.Ordinal);
    }

    private async Task StartAsync()
    {
        _nas = await Appliance.StartAsync("a1", "nas1", "10.0.0.1", _time, RetryPolicy.Default);
        _monitor = new PoolOperationMonitor(_nas.Records, _records, _nas.Btrfs, _btrfs, _nas.Layout, _commands, new PoolOperationGate(), new PoolOperationEvents(), _time);
    }

    private PoolOperation Add(PoolOperationKind kind) => _records.Add(new PoolOperation
    {
        Id = 0,
        Pool = Appliance.Pool,
        Kind = kind,
        State = PoolOperationState.Running,
        Detail = "a test's",
        StartedAt = _time.GetUtcNow() - TimeSpan.FromMinutes(5),
    });
}
