using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>btrfs's long operations as a test sets them: what each status command answers, or that reading fails.</summary>
public sealed class FakeBtrfsOperations : IBtrfsOperations
{
    public ScrubStatus Scrub { get; set; } = ScrubStatus.Never;

    public BalanceStatus Balance { get; set; } = BalanceStatus.Idle;

    public ReplaceStatus Replace { get; set; } = new(ReplaceState.NeverStarted, 0, 0, 0);

    public string Exclusive { get; set; } = "none";

    /// <summary>Thrown by every status read while set (an answer btrfs-progs gives that the parsers do not know).</summary>
    public Exception? ReadFailure { get; set; }

    public Task ScrubAsync(string mountPoint, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct);

    public Task ResumeScrubAsync(string mountPoint, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct);

    public Task CancelScrubAsync(string mountPoint, CancellationToken ct) => Task.CompletedTask;

    public Task<ScrubStatus> ReadScrubAsync(string mountPoint, CancellationToken ct) => Read(Scrub);

    public Task StartBalanceAsync(string mountPoint, string? dataProfile, string? metadataProfile, CancellationToken ct) => Task.CompletedTask;

    public Task PauseBalanceAsync(string mountPoint, CancellationToken ct) => Task.CompletedTask;

    public Task ResumeBalanceAsync(string mountPoint, CancellationToken ct) => Task.CompletedTask;

    public Task CancelBalanceAsync(string mountPoint, CancellationToken ct) => Task.CompletedTask;

    public Task<BalanceStatus> ReadBalanceAsync(string mountPoint, CancellationToken ct) => Read(Balance);

    public Task StartReplaceAsync(string mountPoint, int devId, string target, CancellationToken ct) => Task.CompletedTask;

    public Task CancelReplaceAsync(string mountPoint, CancellationToken ct) => Task.CompletedTask;

    public Task<ReplaceStatus> ReadReplaceAsync(string mountPoint, CancellationToken ct) => Read(Replace);

    public Task GrowDeviceAsync(string mountPoint, int devId, CancellationToken ct) => Task.CompletedTask;

    public Task RemoveDeviceAsync(string mountPoint, int devId, CancellationToken ct) => Task.Delay(Timeout.Infinite, ct);

    public Task<string> ReadExclusiveOperationAsync(string uuid, CancellationToken ct) => Read(Exclusive);

    private Task<T> Read<T>(T answer) => ReadFailure is { } failure ? Task.FromException<T>(failure) : Task.FromResult(answer);
}
