using Rockstor.Domain.Common;

namespace Rockstor.Domain.Users;

/// <summary>
/// Serialises changes to the machine's users and groups and to who owns a share, so that a share is never
/// given to an account being deleted. Taken before the <see cref="Storage.StorageLock"/> when both are held.
/// </summary>
public sealed class AccountLock : Gate;
