namespace Rockstor.Domain.Pools.Operations;

public enum ReplaceState
{
    NeverStarted,
    Running,
    Finished,
    Cancelled,
}

/// <summary>
/// A replacement as <c>btrfs replace status -1</c> reports it. btrfs keeps the last one's result across
/// mounts: <see cref="Started"/> (its "Started on" time, as printed) tells one replacement from another.
/// </summary>
public sealed record ReplaceStatus(ReplaceState State, double Percent, long WriteErrors, long ReadErrors, string? Started = null);
