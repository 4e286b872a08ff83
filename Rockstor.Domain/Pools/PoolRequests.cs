using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

/// <summary>Create a pool from whole disks.</summary>
public sealed record CreateDiskPool(string Name, RaidLevel RaidLevel, IReadOnlyList<string> Devices);

/// <summary>Create a pool on an image file under the data directory (for trying the appliance out).</summary>
public sealed record CreateImagePool(string Name, int ImageSizeGiB);
