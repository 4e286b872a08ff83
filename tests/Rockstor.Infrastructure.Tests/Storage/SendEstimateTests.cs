using Rockstor.Domain.Storage;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Storage;

/// <summary>The size of a send stream told in advance (from a metadata-only send), against the real send.</summary>
public sealed class SendEstimateTests : IDisposable
{
    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public SendEstimateTests() => _ct = _host.Lifetime;

    [Fact(Timeout = 120_000)]
    public async Task The_estimate_of_a_full_and_an_incremental_send_is_within_a_few_percent_of_the_stream()
    {
        await _host.CreateImagePoolAsync();
        var share = await _host.Shares.CreateAsync("pool1", "data", _ct);
        var random = new Random(1);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 40 * 1024)];
            random.NextBytes(bytes);
            await File.WriteAllBytesAsync(Path.Combine(share.Path, $"file{i}.bin"), bytes, _ct);
        }

        var large = new byte[24 << 20];
        random.NextBytes(large);
        await File.WriteAllBytesAsync(Path.Combine(share.Path, "large.bin"), large, _ct);
        var first = await _host.Snapshots.CreateAsync("data", "first", writable: false, _ct);

        // An incremental change: 1 MiB rewritten in the large file, one file added, one deleted.
        await using (var file = File.OpenWrite(Path.Combine(share.Path, "large.bin")))
        {
            file.Seek(5 << 20, SeekOrigin.Begin);
            await file.WriteAsync(new byte[1 << 20], _ct);
        }

        await File.WriteAllBytesAsync(Path.Combine(share.Path, "new.bin"), large.AsMemory(0, 3 << 20), _ct);
        File.Delete(Path.Combine(share.Path, "file7.bin"));
        var second = await _host.Snapshots.CreateAsync("data", "second", writable: false, _ct);
        var btrfs = _host.Get<IBtrfs>();

        var fullEstimate = await btrfs.EstimateSendAsync(first.Path, null, _ct);
        var fullActual = await SentBytesAsync(btrfs, first.Path, null);
        var incrementalEstimate = await btrfs.EstimateSendAsync(second.Path, first.Path, _ct);
        var incrementalActual = await SentBytesAsync(btrfs, second.Path, first.Path);

        Assert.True(fullActual > 28 << 20, $"full send {fullActual}");
        Assert.InRange(fullEstimate, fullActual * 0.97, fullActual * 1.03);
        Assert.True(incrementalActual < fullActual / 4, $"incremental {incrementalActual} of {fullActual}");
        Assert.InRange(incrementalEstimate, incrementalActual * 0.95, incrementalActual * 1.05);
    }

    [Fact(Timeout = 120_000)]
    public async Task Estimating_a_missing_snapshot_fails_with_btrfs_s_reason()
    {
        await _host.CreateImagePoolAsync();

        var error = await Assert.ThrowsAsync<Domain.Common.StorageCommandException>(
            () => _host.Get<IBtrfs>().EstimateSendAsync(Path.Combine(_host.Layout.PoolMountPoint("pool1"), "nothing"), null, _ct));

        Assert.Contains("nothing", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _host.Dispose();

    private async Task<long> SentBytesAsync(IBtrfs btrfs, string snapshot, string? parent)
    {
        await using var counter = new CountingStream();
        await btrfs.SendAsync(snapshot, parent, counter, _ct);
        return counter.Length;
    }

    /// <summary>Counts what is written and keeps nothing.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
