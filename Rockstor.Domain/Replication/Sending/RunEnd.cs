using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication.Sending;

/// <summary>
/// A run of a task ended, with its attempt as it ended. <see cref="StoppedOnPurpose"/> when it was stopped
/// rather than failing (its window closed, the appliance was shutting down).
/// </summary>
public sealed record RunEnd(ReplicationTask Task, Attempt Attempt, bool StoppedOnPurpose);
