namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>A whole disk's byte counters since boot.</summary>
public sealed record DiskCounters(string Name, long ReadBytes, long WrittenBytes);
