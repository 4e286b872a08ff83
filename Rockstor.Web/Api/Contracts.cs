using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

public sealed record ApplianceDto(string Id, string? Hostname, string Version, string CertificateFingerprint)
{
    public static string CurrentVersion => typeof(ApplianceDto).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static ApplianceDto From(ApplianceInfo info, string fingerprint) => new(info.Id, info.Hostname, CurrentVersion, fingerprint);
}

/// <summary>Either {name, raidLevel, devices} for disks or {name, imageSizeGiB} for an image file.</summary>
public sealed record CreatePoolRequest(string? Name, string? RaidLevel, IReadOnlyList<string>? Devices, int? ImageSizeGiB);

public sealed record PoolDto(string Name, string RaidLevel, IReadOnlyList<string> Devices, string MountPoint, bool Mounted, string? ImageFile, long SizeBytes, long UsedBytes)
{
    public static PoolDto From(PoolView view) => new(
        view.Pool.Name,
        view.Pool.RaidLevel.ToProfile(),
        view.Pool.Devices,
        view.MountPoint,
        view.Mounted,
        view.Pool.ImageFile,
        view.SizeBytes,
        view.UsedBytes);
}

public sealed record DiskDto(string Path, long SizeBytes, string? Model, string? Serial, bool Usable, string? Reason);

public sealed record CreateShareRequest(string? Pool, string? Name);

public sealed record ShareDto(string Name, string Pool, string Path, long UsedBytes)
{
    public static ShareDto From(ShareView view) => new(view.Share.Name, view.Share.Pool, view.Path, view.UsedBytes);
}

public sealed record CreateSnapshotRequest(string? Name, bool Writable);

public sealed record CloneRequest(string? NewShare);

public sealed record SnapshotDto(
    string Name,
    string Share,
    string Pool,
    string Path,
    bool ReadOnly,
    DateTimeOffset CreatedAt,
    string Uuid,
    string? ParentUuid,
    string? ReceivedUuid)
{
    public static SnapshotDto From(Snapshot s) =>
        new(s.Name, s.Share, s.Pool, s.Path, s.ReadOnly, s.CreatedAt, s.Uuid, s.ParentUuid, s.ReceivedUuid);
}

public sealed record SnapshotPageDto(IReadOnlyList<SnapshotDto> Items, int Total);

public sealed record RollbackResult(string Share, string Snapshot, string KeptAs);
