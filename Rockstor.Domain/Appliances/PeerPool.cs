namespace Rockstor.Domain.Appliances;

/// <summary>A pool another appliance offers as a replication target.</summary>
public sealed record PeerPool(string Name, long SizeBytes, long FreeBytes);
