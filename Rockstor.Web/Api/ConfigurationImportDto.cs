using Rockstor.Domain.Configuration;

namespace Rockstor.Web.Api;

/// <summary>What an import brought (records by kind) and what the admin should do next, in order.</summary>
public sealed record ConfigurationImportDto(
    string ApplianceId,
    string? Hostname,
    IReadOnlyDictionary<string, int> Imported,
    IReadOnlyList<string> NextSteps,
    bool RestartNeeded)
{
    public static ConfigurationImportDto From(ImportOutcome o) => new(o.ApplianceId, o.Hostname, o.Counts, o.NextSteps, o.RestartNeeded);
}
