using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

/// <summary>A device of a pool: <see cref="Path"/> is null when it is missing; the error counters are btrfs's.</summary>
public sealed record PoolDeviceDto(int DevId, string? Path, long SizeBytes, long UsedBytes, bool Missing, DeviceErrors Errors)
{
    public static PoolDeviceDto From(PoolDevice d) => new(d.DevId, d.Path, d.SizeBytes, d.UsedBytes, d.Missing, d.Errors);
}
