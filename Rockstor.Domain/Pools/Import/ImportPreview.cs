namespace Rockstor.Domain.Pools.Import;

/// <summary>What importing the filesystem would make, read from it mounted read-only (nothing written).</summary>
public sealed record ImportPreview(ImportCandidate Candidate, string Name, ImportPlan Plan);
