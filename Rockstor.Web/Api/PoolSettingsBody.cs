namespace Rockstor.Web.Api;

/// <summary>A pool's settings; what is absent stays. Compression: "off", "zstd", "zstd:1" to "zstd:15", "lzo".</summary>
public sealed record PoolSettingsBody(string? Compression, IReadOnlyList<string>? MountOptions);
