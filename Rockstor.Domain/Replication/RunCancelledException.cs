namespace Rockstor.Domain.Replication;

/// <summary>
/// A run ended because an admin stopped it, here or on the other side: its attempt ends as cancelled,
/// with this message, and is not tried again.
/// </summary>
public sealed class RunCancelledException(string message) : Common.RockstorException(message);
