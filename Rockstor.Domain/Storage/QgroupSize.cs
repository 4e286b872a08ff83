namespace Rockstor.Domain.Storage;

/// <summary>
/// What a subvolume's quota group counts: the bytes it refers to (shared or not), and the bytes only it
/// refers to, which deleting it would free.
/// </summary>
public sealed record QgroupSize(long Referenced, long Exclusive);
