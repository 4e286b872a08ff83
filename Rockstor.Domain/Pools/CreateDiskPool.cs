using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

/// <summary>Create a pool from whole disks.</summary>
public sealed record CreateDiskPool(string Name, RaidLevel RaidLevel, IReadOnlyList<string> Devices);
