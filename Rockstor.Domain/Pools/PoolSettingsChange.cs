namespace Rockstor.Domain.Pools;

/// <summary>What the admin changes of a pool at once; what is null stays as it is.</summary>
public sealed record PoolSettingsChange(
    string? Compression,
    IReadOnlyList<string>? MountOptions,
    string? RaidLevel,
    string? MetadataRaidLevel,
    bool Confirm,
    string? ScrubSchedule);
