using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

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
