using Rockstor.Domain.Appliances;

namespace Rockstor.Infrastructure.Replication;

/// <summary>A connection to the replication port: from a paired appliance, or refused with the reason.</summary>
public sealed record ReplicationConnection(string Remote, PairedAppliance? Sender, string? Refusal);
