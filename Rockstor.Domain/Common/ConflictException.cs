namespace Rockstor.Domain.Common;

/// <summary>The request clashes with what exists (a name in use, a share that still has snapshots).</summary>
public sealed class ConflictException(string message) : RockstorException(message);
