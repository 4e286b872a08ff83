namespace Rockstor.Domain.Replication.Receiving;

/// <summary>What a spool holds of a stream: its length and the checksum (hex) of those bytes.</summary>
public sealed record SpoolPrefix(long Length, string Checksum);
