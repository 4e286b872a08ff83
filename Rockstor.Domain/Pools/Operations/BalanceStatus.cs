namespace Rockstor.Domain.Pools.Operations;

public enum BalanceState
{
    None,
    Running,
    Paused,
}

/// <summary>A balance as <c>btrfs balance status</c> reports it: chunks done of about how many, and the percent left.</summary>
public sealed record BalanceStatus(BalanceState State, long ChunksDone, long ChunksTotal, double PercentLeft)
{
    public static readonly BalanceStatus Idle = new(BalanceState.None, 0, 0, 0);
}
