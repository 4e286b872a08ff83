namespace Rockstor.Domain.Replication.Tasks;

/// <summary>Compression on the wire: off, on, or auto (on, but it stops trying while the data does not compress).</summary>
public enum CompressionMode
{
    Off,
    On,
    Auto,
}
