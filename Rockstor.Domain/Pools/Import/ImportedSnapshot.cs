namespace Rockstor.Domain.Pools.Import;

/// <summary>A read-only subvolume an import makes a snapshot of <see cref="Share"/>; <see cref="From"/> is where it is now, from the top of the filesystem.</summary>
public sealed record ImportedSnapshot(string Share, string Name, string From, bool Received);
