namespace Rockstor.Domain.Storage;

/// <summary>
/// One device of a mounted pool as btrfs sees it: its id in the filesystem, its path (null when it is
/// missing), its size and what is allocated on it, and its error counters.
/// </summary>
public sealed record PoolDevice(int DevId, string? Path, long SizeBytes, long UsedBytes, bool Missing, DeviceErrors Errors);
