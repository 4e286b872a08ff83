using System.Security.Cryptography;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Infrastructure.Replication;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>The spool of resumable receives on real files: what it vouches for after a cut and after a crash.</summary>
public sealed class ReceiveSpoolTests : IDisposable
{
    private static readonly ReplicationOffer Offer = new("replication-1-a", "6f1c1b5e-8a53-4c43-9d2d-1f0e4c2b9a10", null, Resumable: true);

    private readonly Sandbox _sandbox = new();
    private readonly ReceiveSpool _spool = new();
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private string Folder => Path.Combine(_sandbox.Root, ".spool", "0f3a_docs");

    [Fact]
    public async Task A_cut_stream_is_held_whole_and_its_prefix_checksum_is_that_of_the_bytes_held()
    {
        var data = RandomNumberGenerator.GetBytes(3 << 20);
        Assert.Equal(new SpoolPrefix(0, Convert.ToHexString(System.IO.Hashing.XxHash128.Hash([]))), await _spool.PrepareAsync(Folder, Offer, _ct));

        var cut = await Assert.ThrowsAsync<IOException>(() => _spool.AppendAsync(Folder, Offer, 0, new BreaksAfter(data, 2 << 20), _ct));
        var held = await _spool.PrepareAsync(Folder, Offer, _ct);

        Assert.Equal("link down", cut.Message);
        Assert.Equal(2 << 20, held.Length);
        Assert.Equal(Convert.ToHexString(System.IO.Hashing.XxHash128.Hash(data.AsSpan(0, 2 << 20))), held.Checksum);
        Assert.Equal(Offer.SnapshotUuid, _spool.PartialUuid(Folder));

        await _spool.AppendAsync(Folder, Offer, held.Length, new MemoryStream(data[(2 << 20)..]), _ct);
        var read = new LastCount();
        await using var whole = _spool.OpenRead(Folder, Offer, read);
        using var copy = new MemoryStream();
        await whole.CopyToAsync(copy, _ct);
        Assert.Equal(data, copy.ToArray());
        Assert.Equal(data.Length, read.Value);
    }

    [Fact]
    public async Task After_a_crash_only_what_the_checkpoint_vouches_for_is_held()
    {
        await _spool.PrepareAsync(Folder, Offer, _ct);
        await _spool.AppendAsync(Folder, Offer, 0, new MemoryStream(new byte[1000]), _ct);

        // A crash: bytes reached the file after the last checkpoint, which never heard of them.
        await File.AppendAllTextAsync(Path.Combine(Folder, Offer.SnapshotUuid + ".stream"), "unvouched", _ct);
        var held = await _spool.PrepareAsync(Folder, Offer, _ct);

        Assert.Equal(1000, held.Length);
        Assert.Equal(1000, new FileInfo(Path.Combine(Folder, Offer.SnapshotUuid + ".stream")).Length);
    }

    [Fact]
    public async Task An_offer_of_another_snapshot_or_parent_deletes_the_stale_spool()
    {
        await _spool.PrepareAsync(Folder, Offer, _ct);
        await _spool.AppendAsync(Folder, Offer, 0, new MemoryStream(new byte[5000]), _ct);

        var otherParent = await _spool.PrepareAsync(Folder, Offer with { ParentUuid = "1d4c6a2e-0000-4000-8000-000000000001" }, _ct);
        Assert.Equal(0, otherParent.Length);

        var next = Offer with { SnapshotUuid = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d" };
        await _spool.PrepareAsync(Folder, next, _ct);

        Assert.Equal([next.SnapshotUuid + ".json", next.SnapshotUuid + ".stream"], Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Null(_spool.PartialUuid(Folder)); // nothing of it arrived yet
        _spool.Delete(Folder);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task A_uuid_that_is_not_one_never_becomes_a_path()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => _spool.PrepareAsync(Folder, Offer with { SnapshotUuid = "../../etc/passwd" }, _ct));

        Assert.Contains("is not a snapshot uuid", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public async Task Only_spools_nothing_was_written_to_for_the_idle_time_are_deleted()
    {
        var root = Path.Combine(_sandbox.Root, ".spool");
        var now = DateTimeOffset.UtcNow;
        var abandoned = await SpoolAsync(root, "0f3a_gone", writtenAt: now.AddDays(-15));
        var fresh = await SpoolAsync(root, "0f3a_docs", writtenAt: now.AddMinutes(-5));
        var halfOld = await SpoolAsync(root, "0f3a_media", writtenAt: now.AddDays(-20));
        File.SetLastWriteTimeUtc(Directory.EnumerateFiles(halfOld, "*.stream").Single(), now.AddDays(-1).UtcDateTime);

        var deleted = _spool.DeleteAbandoned(root, TimeSpan.FromDays(14), now);

        Assert.Equal(["0f3a_gone"], deleted);
        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(fresh));
        Assert.True(Directory.Exists(halfOld));
        Assert.Empty(_spool.DeleteAbandoned(Path.Combine(_sandbox.Root, "no-such-pool", ".spool"), TimeSpan.FromDays(14), now));
    }

    public void Dispose() => _sandbox.Dispose();

    /// <summary>A spool of part of a stream, its files and folder last written at the time given.</summary>
    private async Task<string> SpoolAsync(string root, string name, DateTimeOffset writtenAt)
    {
        var folder = Path.Combine(root, name);
        await _spool.PrepareAsync(folder, Offer, _ct);
        await _spool.AppendAsync(folder, Offer, 0, new MemoryStream(RandomNumberGenerator.GetBytes(1 << 16)), _ct);
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            File.SetLastWriteTimeUtc(file, writtenAt.UtcDateTime);
        }

        Directory.SetLastWriteTimeUtc(folder, writtenAt.UtcDateTime);
        return folder;
    }

    /// <summary>Gives the data up to a point, then fails as a broken connection does.</summary>
    private sealed class BreaksAfter(byte[] data, int at) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => data.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position >= at)
            {
                throw new IOException("link down");
            }

            var n = Math.Min(count, at - _position);
            data.AsSpan(_position, n).CopyTo(buffer.AsSpan(offset));
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position >= at)
            {
                throw new IOException("link down");
            }

            var n = Math.Min(buffer.Length, at - _position);
            data.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return ValueTask.FromResult(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>The last count reported, as it was reported (no thread hop, unlike Progress).</summary>
    private sealed class LastCount : IProgress<long>
    {
        public long Value { get; private set; }

        public void Report(long value) => Value = value;
    }
}
