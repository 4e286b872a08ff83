using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

/// <summary>Create a pool from whole disks; <see cref="Removable"/> for a disk that is plugged in only to be written (a USB backup disk).</summary>
public sealed record CreateDiskPool(string Name, RaidLevel RaidLevel, IReadOnlyList<string> Devices, bool Removable = false);
