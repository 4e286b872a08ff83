namespace Rockstor.Domain.Shares;

/// <summary>How btrfs compresses what is written to a share from now on (its compression property).</summary>
public enum ShareCompression
{
    Off,
    Zstd,
    Lzo,
}
