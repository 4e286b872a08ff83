namespace Rockstor.Domain.Configuration;

/// <summary>What an import wrote: how many records of each kind, and the pools its shares were on.</summary>
public sealed record ImportedConfiguration(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<string> Pools);
