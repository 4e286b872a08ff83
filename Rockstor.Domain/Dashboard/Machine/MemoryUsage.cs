namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>The machine's memory: all of it, and what programs could still have without swapping (the kernel's estimate).</summary>
public sealed record MemoryUsage(long TotalBytes, long AvailableBytes)
{
    /// <summary>What is taken: all less what is available (the page cache counts as available).</summary>
    public long UsedBytes => Math.Max(0, TotalBytes - AvailableBytes);
}
