namespace Rockstor.Domain.Replication;

/// <summary>
/// A failback's part of the hello: the one-time code of the restore the source's admin asked for (ADR-017).
/// What the snapshot becomes there (a new share, or the share rolled back) is the source's own record.
/// </summary>
public sealed record RestoreRequest(string? Code);
