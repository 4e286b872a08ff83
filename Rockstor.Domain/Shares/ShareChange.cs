namespace Rockstor.Domain.Shares;

/// <summary>Changes to a share; a null field stays as it is.</summary>
/// <param name="Owner">A user the appliance made, or root.</param>
/// <param name="Group">A group the appliance made, users or root.</param>
/// <param name="Mode">Octal permissions such as "0750" or "2770".</param>
/// <param name="SizeLimitGiB">The most the share may hold, in GiB; 0 for no limit.</param>
/// <param name="Compression">"off", "zstd" or "lzo".</param>
public sealed record ShareChange(
    string? Owner = null,
    string? Group = null,
    string? Mode = null,
    double? SizeLimitGiB = null,
    string? Compression = null);
