namespace Rockstor.Domain.Configuration;

/// <summary>What an import brought (counts by kind) and what the admin should do next, in order.</summary>
public sealed record ImportOutcome(string ApplianceId, string? Hostname, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> NextSteps, bool RestartNeeded);
