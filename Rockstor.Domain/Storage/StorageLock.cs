using Rockstor.Domain.Common;

namespace Rockstor.Domain.Storage;

/// <summary>
/// Serialises changes to pools, shares and snapshots, so that two requests cannot race on one name or
/// one device. Reads do not take it. Taken after the <see cref="Users.AccountLock"/> when both are held.
/// </summary>
public sealed class StorageLock : Gate;
