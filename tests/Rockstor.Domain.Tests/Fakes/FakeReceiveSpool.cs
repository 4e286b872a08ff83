using System.Security.Cryptography;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// Spools of resumable receives in memory: per folder, what arrived of one snapshot's stream (and the parent
/// it was offered from). What arrives is kept piece by piece, so a stream cut part-way leaves its prefix.
/// </summary>
public sealed class FakeReceiveSpool(TimeProvider time) : IReceiveSpool
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Spooled>> _folders = new(StringComparer.Ordinal);

    public Task<SpoolPrefix> PrepareAsync(string folder, ReplicationOffer offer, CancellationToken ct)
    {
        lock (_lock)
        {
            var spools = Folder(folder);
            foreach (var stale in spools.Keys.Where(uuid => uuid != offer.SnapshotUuid).ToList())
            {
                spools.Remove(stale);
            }

            if (!spools.TryGetValue(offer.SnapshotUuid, out var spool) || spool.ParentUuid != offer.ParentUuid)
            {
                spools[offer.SnapshotUuid] = spool = new Spooled(offer.ParentUuid, time.GetUtcNow());
            }

            return Task.FromResult(new SpoolPrefix(spool.Bytes.Count, Convert.ToHexString(SHA256.HashData(spool.Bytes.ToArray()))));
        }
    }

    public async Task AppendAsync(string folder, ReplicationOffer offer, long offset, Stream from, CancellationToken ct)
    {
        Spooled spool;
        lock (_lock)
        {
            spool = Folder(folder).GetValueOrDefault(offer.SnapshotUuid)
                ?? throw new StorageCommandException($"Could not open the spool in {folder}", "(file system)", "no such file");
            spool.Bytes.RemoveRange((int)offset, spool.Bytes.Count - (int)offset);
        }

        var buffer = new byte[16];
        int read;
        while ((read = await from.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            lock (_lock)
            {
                spool.Bytes.AddRange(buffer.AsSpan(0, read));
                spool.WrittenAt = time.GetUtcNow();
            }
        }
    }

    public Stream OpenRead(string folder, ReplicationOffer offer, IProgress<long> read)
    {
        lock (_lock)
        {
            return new CountedRead(Folder(folder)[offer.SnapshotUuid].Bytes.ToArray(), read);
        }
    }

    public string? PartialUuid(string folder)
    {
        lock (_lock)
        {
            return _folders.GetValueOrDefault(folder)?.FirstOrDefault(s => s.Value.Bytes.Count > 0).Key;
        }
    }

    public void Delete(string folder)
    {
        lock (_lock)
        {
            _folders.Remove(folder);
        }
    }

    public IReadOnlyList<string> DeleteAbandoned(string root, TimeSpan idle, DateTimeOffset now)
    {
        lock (_lock)
        {
            var abandoned = _folders
                .Where(f => Path.GetDirectoryName(f.Key) == root && f.Value.Values.All(s => now - s.WrittenAt > idle))
                .Select(f => f.Key)
                .ToList();
            abandoned.ForEach(f => _folders.Remove(f));
            return abandoned.Select(Path.GetFileName).ToList()!;
        }
    }

    /// <summary>What the folder's spool holds of the snapshot's stream (empty when there is none).</summary>
    public byte[] Held(string folder, string snapshotUuid)
    {
        lock (_lock)
        {
            return _folders.GetValueOrDefault(folder)?.GetValueOrDefault(snapshotUuid)?.Bytes.ToArray() ?? [];
        }
    }

    /// <summary>Puts a spool in the folder as a cut transfer would have left it.</summary>
    public void Plant(string folder, string snapshotUuid, string? parentUuid, byte[] bytes)
    {
        lock (_lock)
        {
            var spool = new Spooled(parentUuid, time.GetUtcNow());
            spool.Bytes.AddRange(bytes);
            Folder(folder)[snapshotUuid] = spool;
        }
    }

    private Dictionary<string, Spooled> Folder(string folder)
    {
        if (!_folders.TryGetValue(folder, out var spools))
        {
            _folders[folder] = spools = new Dictionary<string, Spooled>(StringComparer.Ordinal);
        }

        return spools;
    }

    private sealed class Spooled(string? parentUuid, DateTimeOffset writtenAt)
    {
        public string? ParentUuid { get; } = parentUuid;

        public List<byte> Bytes { get; } = [];

        public DateTimeOffset WrittenAt { get; set; } = writtenAt;
    }

    /// <summary>The whole spooled stream, telling how much has been read.</summary>
    private sealed class CountedRead(byte[] bytes, IProgress<long> read) : ReadOnlyStream
    {
        private int _at;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(buffer.Length, bytes.Length - _at);
            bytes.AsSpan(_at, count).CopyTo(buffer.Span);
            _at += count;
            read.Report(_at);
            return ValueTask.FromResult(count);
        }
    }
}
