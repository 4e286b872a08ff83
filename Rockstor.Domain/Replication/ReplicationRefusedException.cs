namespace Rockstor.Domain.Replication;

/// <summary>
/// The receiver said no, with its reason (recorded in the sender's trail). <see cref="Transient"/> when
/// asking again soon may succeed (it is still settling a receive that was cut).
/// </summary>
public sealed class ReplicationRefusedException(string reason, bool transient = false) : Common.RockstorException(reason)
{
    public bool Transient { get; } = transient;
}
