namespace Rockstor.Domain.Pools;

/// <summary>The disk of a removable pool is not plugged in: what wanted to write to it waits (a run is skipped, not failed).</summary>
public sealed class RemovableDiskAbsentException(string message) : Common.RockstorException(message);
