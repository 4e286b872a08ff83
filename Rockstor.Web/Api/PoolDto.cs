using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

/// <summary>A pool; <see cref="ImageFile"/> is the first of <see cref="ImageFiles"/> (a pool on image files), null for a pool on disks.</summary>
public sealed record PoolDto(
    string Name,
    string RaidLevel,
    IReadOnlyList<string> Devices,
    string MountPoint,
    bool Mounted,
    string? ImageFile,
    IReadOnlyList<string> ImageFiles,
    long SizeBytes,
    long UsedBytes,
    bool Degraded,
    long DeviceErrors,
    string Compression,
    IReadOnlyList<string> MountOptions)
{
    public static PoolDto From(PoolView view) => new(
        view.Pool.Name,
        view.Pool.RaidLevel.ToProfile(),
        view.Pool.Devices,
        view.MountPoint,
        view.Mounted,
        view.Pool.ImageFiles.FirstOrDefault(),
        view.Pool.ImageFiles,
        view.SizeBytes,
        view.UsedBytes,
        view.Degraded,
        view.DeviceErrors,
        view.Pool.MountOptions.Compression ?? "off",
        view.Pool.MountOptions.Options);
}
