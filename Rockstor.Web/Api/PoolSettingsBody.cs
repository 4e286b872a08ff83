namespace Rockstor.Web.Api;

/// <summary>
/// A pool's settings; what is absent stays. Compression: "off", "zstd", "zstd:1" to "zstd:15", "lzo".
/// A new <see cref="RaidLevel"/> or <see cref="MetadataRaidLevel"/> starts a converting balance;
/// <see cref="Confirm"/> is needed when the change lowers redundancy or goes to raid5/6.
/// <see cref="ScrubSchedule"/> is a cron expression in UTC ("@monthly", "0 3 1 * *"); empty for none.
/// </summary>
public sealed record PoolSettingsBody(
    string? Compression,
    IReadOnlyList<string>? MountOptions,
    string? RaidLevel = null,
    string? MetadataRaidLevel = null,
    bool? Confirm = null,
    string? ScrubSchedule = null);
