namespace Rockstor.Domain.Pools;

/// <summary>A pool as listed: its record, where it is mounted and how full it is.</summary>
public sealed record PoolView(Pool Pool, string MountPoint, bool Mounted, long SizeBytes, long UsedBytes);
