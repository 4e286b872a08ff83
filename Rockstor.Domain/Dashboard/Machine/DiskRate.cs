namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>What a disk read and wrote per second between two readings.</summary>
public sealed record DiskRate(string Name, double ReadBytesPerSecond, double WrittenBytesPerSecond);
