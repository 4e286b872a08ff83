namespace Rockstor.Domain.Replication.Promotion;

/// <summary>What a promotion makes: the new share's name, from the named received snapshot (null: the newest).</summary>
public sealed record PromoteRequest(string? Share, string? Snapshot = null);
