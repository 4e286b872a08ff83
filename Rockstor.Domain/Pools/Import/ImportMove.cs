namespace Rockstor.Domain.Pools.Import;

/// <summary>
/// A rename an import makes, relative to the top of the filesystem: a read-only snapshot moved beside its
/// share's (<see cref="Subvolume"/>: btrfs renames a read-only subvolume into another folder only while it
/// is writable, so it is made writable for the move and read-only again), or a folder of received
/// snapshots moved whole (which leaves them untouched, received uuids included).
/// </summary>
public sealed record ImportMove(string From, string To, bool Subvolume);
