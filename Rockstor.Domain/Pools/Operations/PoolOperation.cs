namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// One scrub, balance, disk removal or replacement of a pool, from its start to its result. What btrfs
/// reports is the truth about a running one; this record is what the appliance remembers of it, so that
/// it is shown again after a restart and kept in the pool's history.
/// </summary>
public sealed record PoolOperation
{
    public required long Id { get; init; }

    public required string Pool { get; init; }

    public required PoolOperationKind Kind { get; init; }

    public required PoolOperationState State { get; init; }

    /// <summary>What it works on, in words: "convert data to raid10", "devid 2 (/dev/sdc) -> /dev/sdd".</summary>
    public required string Detail { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public OperationProgress Progress { get; init; } = OperationProgress.None;

    /// <summary>How it ended, or why it failed, in a sentence.</summary>
    public string? Message { get; init; }

    /// <summary>The device a removal or replacement works on, by its id in the filesystem.</summary>
    public int? DevId { get; init; }

    /// <summary>The path of the device removed or replaced, as it was when the operation began (null when it was missing).</summary>
    public string? Device { get; init; }

    /// <summary>The disk that takes a replaced device's place.</summary>
    public string? Target { get; init; }

    /// <summary>What a balance converts data and metadata to (null: it only spreads).</summary>
    public string? DataProfile { get; init; }

    public string? MetadataProfile { get; init; }

    /// <summary>For a removal: the bytes allocated on the disk when it began, against which what is left is measured.</summary>
    public long? StartBytes { get; init; }

    /// <summary>The admin asked to pause or cancel it: how btrfs ends it then is read as that.</summary>
    public PoolOperationState? Requested { get; init; }

    /// <summary>Started outside the appliance (from a shell) and found running.</summary>
    public bool Found { get; init; }
}
