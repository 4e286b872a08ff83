using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

/// <summary>
/// A pool; <see cref="ImageFile"/> is the first of <see cref="ImageFiles"/> (a pool on image files), null for
/// a pool on disks; <see cref="Removable"/> for a disk plugged in only to be written (mounted while a task writes to it).
/// </summary>
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
    IReadOnlyList<string> MountOptions,
    string? MetadataRaidLevel,
    IReadOnlyList<string> DataProfiles,
    PoolOperationDto? Operation,
    string? ScrubSchedule,
    bool Removable)
{
    /// <summary>The pool with the operation in progress on it, if any.</summary>
    public static PoolDto From(PoolView view, PoolOperation? operation) => new(
        view.Pool.Name,
        view.Profiles is { Mixed: false } profiles ? profiles.Data[0] : view.Pool.RaidLevel.ToProfile(),
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
        view.Pool.MountOptions.Options,
        view.Profiles?.Metadata[0],
        view.Profiles?.Data ?? [],
        operation is null ? null : PoolOperationDto.From(operation),
        view.Pool.ScrubSchedule,
        view.Pool.Removable);

    public static PoolDto From(PoolView view) => From(view, null);
}
