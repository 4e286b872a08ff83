using Rockstor.Domain.Disks;

namespace Rockstor.Web.Api;

/// <summary>
/// A whole disk: <see cref="Holds"/> is "pool" (one of this appliance's, named in <see cref="Pool"/>),
/// "foreign-btrfs", "filesystem", "empty", "system" or "unknown" (it could not be read); <see cref="Usable"/> says whether a pool may be made on it.
/// </summary>
public sealed record DiskDto(
    string Path,
    long SizeBytes,
    string? Model,
    string? Serial,
    bool Usable,
    string? Reason,
    string Holds,
    string? Pool,
    string? FsUuid,
    string? FsType,
    bool Loop)
{
    public static DiskDto From(DiskView view) => new(
        view.Disk.Path,
        view.Disk.SizeBytes,
        view.Disk.Model,
        view.Disk.Serial,
        view.Disk.Usable,
        view.Disk.Unusable,
        view.Holds switch
        {
            DiskHolds.Pool => "pool",
            DiskHolds.ForeignBtrfs => "foreign-btrfs",
            DiskHolds.Filesystem => "filesystem",
            DiskHolds.System => "system",
            DiskHolds.Unknown => "unknown",
            _ => "empty",
        },
        view.Pool,
        view.Disk.FilesystemUuid,
        view.Disk.FilesystemType,
        view.Disk.IsLoop);
}
