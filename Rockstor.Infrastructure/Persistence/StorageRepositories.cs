using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class PoolRepository(RockstorDatabase db) : IPoolRepository
{
    private readonly Lock _changing = new();

    public IReadOnlyList<Pool> List() => db.Pools.FindAll().OrderBy(p => p.Name, StringComparer.Ordinal).Select(ToPool).ToList();

    public Pool? Find(string name) => db.Pools.FindById(name) is { } d ? ToPool(d) : null;

    public void Add(Pool pool) => db.Pools.Insert(ToDocument(pool));

    public Pool? Change(string name, Func<Pool, Pool> change)
    {
        lock (_changing)
        {
            if (db.Pools.FindById(name) is not { } document)
            {
                return null;
            }

            var changed = change(ToPool(document));
            db.Pools.Update(ToDocument(changed));
            return changed;
        }
    }

    private static PoolDocument ToDocument(Pool pool) => new()
    {
        Name = pool.Name,
        RaidLevel = pool.RaidLevel.ToProfile(),
        Devices = [.. pool.Devices],
        ImageFile = pool.ImageFiles.FirstOrDefault(),
        ImageFiles = [.. pool.ImageFiles],
        Uuid = pool.Uuid,
        CreatedAt = pool.CreatedAt.UtcDateTime,
        Compression = pool.MountOptions.Compression,
        MountOptions = [.. pool.MountOptions.Options],
        ScrubSchedule = pool.ScrubSchedule,
        Removable = pool.Removable,
        SeenDeviceErrors = pool.SeenDeviceErrors.ToDictionary(kv => kv.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
    };

    public void Remove(string name) => db.Pools.Delete(name);

    private static Pool ToPool(PoolDocument d) => new()
    {
        Name = d.Name,
        RaidLevel = RaidLevels.Parse(d.RaidLevel),
        Devices = d.Devices,
        ImageFiles = d.ImageFiles is { Count: > 0 } files ? files : d.ImageFile is { } one ? [one] : [],
        Uuid = d.Uuid,
        CreatedAt = Utc(d.CreatedAt),
        MountOptions = new PoolMountOptions(d.Compression, d.MountOptions ?? []),
        ScrubSchedule = d.ScrubSchedule,
        Removable = d.Removable,
        SeenDeviceErrors = (d.SeenDeviceErrors ?? []).ToDictionary(kv => int.Parse(kv.Key, System.Globalization.CultureInfo.InvariantCulture), kv => kv.Value),
    };

    internal static DateTimeOffset Utc(DateTime value) =>
        new(DateTime.SpecifyKind(value.ToUniversalTime(), DateTimeKind.Utc));
}

internal sealed class ShareRepository(RockstorDatabase db) : IShareRepository
{
    public IReadOnlyList<Share> List() => db.Shares.FindAll().Select(ToShare).ToList();

    public IReadOnlyList<Share> ListInPool(string pool) => db.Shares.Find(s => s.Pool == pool).Select(ToShare).ToList();

    public Share? Find(string name) => db.Shares.FindById(name) is { } d ? ToShare(d) : null;

    public void Add(Share share) => db.Shares.Insert(ToDocument(share));

    public void Update(Share share) => db.Shares.Update(ToDocument(share));

    public void Remove(string name) => db.Shares.Delete(name);

    internal static ShareDocument ToDocument(Share share) => new()
    {
        Name = share.Name,
        Pool = share.Pool,
        Uuid = share.Uuid,
        CreatedAt = share.CreatedAt.UtcDateTime,
        Kind = share.Kind.ToString(),
        Owner = share.Owner,
        Group = share.Group,
        Mode = share.Mode,
        SizeLimitBytes = share.SizeLimitBytes,
        Compression = share.Compression.ToString(),
    };

    internal static Share ToShare(ShareDocument d) => new()
    {
        Name = d.Name,
        Pool = d.Pool,
        Uuid = d.Uuid,
        CreatedAt = PoolRepository.Utc(d.CreatedAt),
        Kind = Enum.Parse<ShareKind>(d.Kind),
        Owner = d.Owner,
        Group = d.Group,
        Mode = d.Mode,
        SizeLimitBytes = d.SizeLimitBytes,
        Compression = Enum.Parse<ShareCompression>(d.Compression),
    };
}
