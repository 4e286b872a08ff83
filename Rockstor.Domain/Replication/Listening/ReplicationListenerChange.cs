using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Replication.Listening;

/// <summary>The settings now in force, and the paired appliances told of a new port (each, or why not).</summary>
public sealed record ReplicationListenerChange(ReplicationListenerSettings Settings, IReadOnlyList<PeerNotice> Peers);
