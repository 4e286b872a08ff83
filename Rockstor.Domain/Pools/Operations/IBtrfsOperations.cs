namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// btrfs's long operations on a mounted pool. Starting a balance or a replacement returns as soon as btrfs
/// has it (the kernel goes on with it, beyond the appliance's process); a scrub or a removal returns when
/// it ends. The status readers are how they are followed. Failures are
/// <see cref="Common.StorageCommandException"/>s.
/// </summary>
public interface IBtrfsOperations
{
    /// <summary>Scrubs the pool; returns when the scrub ends (also when it is cancelled, then with an error).</summary>
    Task ScrubAsync(string mountPoint, CancellationToken ct);

    /// <summary>Continues a scrub that was cancelled or interrupted, from where it stopped; returns when it ends.</summary>
    Task ResumeScrubAsync(string mountPoint, CancellationToken ct);

    Task CancelScrubAsync(string mountPoint, CancellationToken ct);

    Task<ScrubStatus> ReadScrubAsync(string mountPoint, CancellationToken ct);

    /// <summary>Balances every chunk, converting data and metadata to the profiles given (null: keep).</summary>
    Task StartBalanceAsync(string mountPoint, string? dataProfile, string? metadataProfile, CancellationToken ct);

    Task PauseBalanceAsync(string mountPoint, CancellationToken ct);

    Task ResumeBalanceAsync(string mountPoint, CancellationToken ct);

    Task CancelBalanceAsync(string mountPoint, CancellationToken ct);

    Task<BalanceStatus> ReadBalanceAsync(string mountPoint, CancellationToken ct);

    /// <summary>Rebuilds device <paramref name="devId"/> (there or missing) onto <paramref name="target"/>, which takes its place.</summary>
    Task StartReplaceAsync(string mountPoint, int devId, string target, CancellationToken ct);

    Task CancelReplaceAsync(string mountPoint, CancellationToken ct);

    Task<ReplaceStatus> ReadReplaceAsync(string mountPoint, CancellationToken ct);

    /// <summary>Grows device <paramref name="devId"/>'s part of the filesystem to the whole device (after it was replaced by a larger one).</summary>
    Task GrowDeviceAsync(string mountPoint, int devId, CancellationToken ct);

    /// <summary>Moves everything off device <paramref name="devId"/> and takes it out of the filesystem; returns when done. Cancelling stops it.</summary>
    Task RemoveDeviceAsync(string mountPoint, int devId, CancellationToken ct);

    /// <summary>The exclusive operation the kernel is running on the filesystem ("balance", "balance paused", "device remove", "device replace"…), or "none".</summary>
    Task<string> ReadExclusiveOperationAsync(string uuid, CancellationToken ct);
}
