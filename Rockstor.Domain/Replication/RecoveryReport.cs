using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication;

/// <summary>What replication found after a crash and settled, for the log.</summary>
public sealed record RecoveryReport(IReadOnlyDictionary<TrailSide, int> Interrupted, IReadOnlyList<string> AbandonedSpools);
