namespace Rockstor.Domain.Replication.Receiving;

/// <summary>What a spool holds of a stream: its length and the SHA-256 (hex) of those bytes.</summary>
public sealed record SpoolPrefix(long Length, string Sha256);
