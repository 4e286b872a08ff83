using Rockstor.Domain.Common;

namespace Rockstor.Domain.Pools.Operations;

/// <summary>
/// Serialises what changes an operation's record: the admin's pause, resume and cancel, and the poller's
/// reading of btrfs, so that neither writes over what the other just recorded.
/// </summary>
public sealed class PoolOperationGate : Gate;
