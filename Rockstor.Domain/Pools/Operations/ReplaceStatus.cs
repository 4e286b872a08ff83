namespace Rockstor.Domain.Pools.Operations;

public enum ReplaceState
{
    NeverStarted,
    Running,
    Finished,
    Cancelled,
}

/// <summary>A replacement as <c>btrfs replace status -1</c> reports it.</summary>
public sealed record ReplaceStatus(ReplaceState State, double Percent, long WriteErrors, long ReadErrors);
