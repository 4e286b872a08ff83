namespace Rockstor.Domain.Replication.Restores;

/// <summary>A received snapshot a restore can ask for.</summary>
public sealed record HeldSnapshot(string Name, DateTimeOffset CreatedAt);
