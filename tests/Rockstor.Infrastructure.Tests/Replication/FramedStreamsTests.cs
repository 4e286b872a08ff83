using System.Security.Cryptography;
using System.Text;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Infrastructure.Replication;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>The data frames of the replication protocol, written and read back, with and without compression.</summary>
public sealed class FramedStreamsTests
{
    public static TheoryData<CompressionMode, bool> Cases => new()
    {
        { CompressionMode.Off, true },
        { CompressionMode.Off, false },
        { CompressionMode.On, true },
        { CompressionMode.On, false },
        { CompressionMode.Auto, true },
        { CompressionMode.Auto, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_stream_arrives_whole_and_its_end_frame_vouches_for_it(CompressionMode mode, bool compressible)
    {
        var data = Data(compressible, 3 * 1024 * 1024);
        var (wire, written, streamWritten) = await WriteAsync(data, mode);

        using var reader = new FramedReadStream(new MemoryStream(wire), TimeSpan.FromSeconds(5));
        using var arrived = new MemoryStream();
        await reader.CopyToAsync(arrived, 64 * 1024);

        Assert.True(reader.Intact);
        Assert.Equal(SHA256.HashData(data), SHA256.HashData(arrived.ToArray()));
        Assert.Equal((data.Length, data.Length), (streamWritten, reader.StreamReceived));
        Assert.Equal(written, reader.Received);
        if (mode == CompressionMode.On && compressible)
        {
            Assert.True(written < data.Length / 4, $"{written} bytes on the wire for {data.Length}");
        }
        else if (mode == CompressionMode.Auto && compressible)
        {
            // A link that takes no time (the clock stands still) never waits for zstd: only the probes are compressed.
            Assert.InRange(written, data.Length * 0.9, data.Length);
        }
        else
        {
            Assert.Equal(data.Length, written); // random data goes as it is
        }
    }

    [Theory]
    [InlineData(true, 0.25)]
    [InlineData(false, 1.0)]
    public async Task Auto_compresses_on_a_slow_link_only_what_compresses(bool compressible, double mostOnTheWire)
    {
        var data = Data(compressible, 3 * 1024 * 1024);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var link = new SlowLink(clock, bytesPerSecond: 20_000_000);
        await using (var writer = new FramedWriteStream(link, new Progress<TransferCount>(), CompressionMode.Auto, time: clock))
        {
            for (var offset = 0; offset < data.Length; offset += 64 * 1024)
            {
                await writer.WriteAsync(data.AsMemory(offset, 64 * 1024));
            }

            await writer.EndAsync(CancellationToken.None);
            Assert.InRange(writer.Written, 1, data.Length * mostOnTheWire);
        }

        using var reader = new FramedReadStream(new MemoryStream(link.ToArray()), TimeSpan.FromSeconds(5));
        using var arrived = new MemoryStream();
        await reader.CopyToAsync(arrived);
        Assert.True(reader.Intact);
        Assert.Equal(data, arrived.ToArray());
    }

    [Fact]
    public async Task A_stream_stopped_on_purpose_ends_with_a_whole_cancel_frame_that_the_reader_reports_with_its_reason()
    {
        var data = Data(compressible: false, 1024 * 1024);
        using var wire = new MemoryStream();
        await using (var writer = new FramedWriteStream(wire, new Progress<TransferCount>()))
        {
            await writer.WriteAsync(data.AsMemory(0, 512 * 1024));
            writer.Stop("The source's admin cancelled the run.");
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await writer.WriteAsync(data.AsMemory(512 * 1024)));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writer.EndAsync(CancellationToken.None));
        }

        using var reader = new FramedReadStream(new MemoryStream(wire.ToArray()), TimeSpan.FromSeconds(5));
        using var arrived = new MemoryStream();
        var stopped = await Assert.ThrowsAsync<Rockstor.Domain.Replication.RunCancelledException>(() => reader.CopyToAsync(arrived));

        Assert.Equal("The sender stopped the run: The source's admin cancelled the run.", stopped.Message);
        Assert.Equal("The source's admin cancelled the run.", reader.StoppedBySender);
        Assert.Equal(data.AsSpan(0, 512 * 1024).ToArray(), arrived.ToArray()); // what came before the stop, and nothing after
        Assert.False(reader.Intact);
    }

    [Fact]
    public async Task Pieces_pulled_from_a_command_output_arrive_whole_and_a_resumed_send_vouches_for_the_part_skipped()
    {
        var data = Data(compressible: false, (5 * 1024 * 1024) + 123);
        var skip = (3 * 1024 * 1024) + 7;
        using var wire = new MemoryStream();
        await using (var writer = new FramedWriteStream(wire, new Progress<TransferCount>(), CompressionMode.Off, skip))
        {
            await writer.ReadFromAsync(new TrickleStream(data, 300_001), CancellationToken.None);
            await writer.EndAsync(CancellationToken.None);
            Assert.Equal((data.Length - skip, (long)data.Length), (writer.Written, writer.StreamWritten));
        }

        var held = new Rockstor.Domain.Replication.Receiving.SpoolPrefix(skip, Convert.ToHexString(System.IO.Hashing.XxHash128.Hash(data.AsSpan(0, skip))));
        using var reader = new FramedReadStream(new MemoryStream(wire.ToArray()), TimeSpan.FromSeconds(5), held);
        using var arrived = new MemoryStream();
        await reader.CopyToAsync(arrived);
        Assert.True(reader.Intact);
        Assert.Equal(data[skip..], arrived.ToArray());
    }

    [Fact]
    public async Task A_changed_byte_is_caught_by_the_end_frame()
    {
        var data = Data(compressible: false, 256 * 1024);
        var (wire, _, _) = await WriteAsync(data, CompressionMode.Off);
        wire[100_000] ^= 0x01;

        using var reader = new FramedReadStream(new MemoryStream(wire), TimeSpan.FromSeconds(5));
        await reader.CopyToAsync(Stream.Null);

        Assert.False(reader.Intact);
    }

    [Fact]
    public async Task An_estimate_announced_mid_stream_reaches_the_reader_and_leaves_the_stream_intact()
    {
        var data = Data(compressible: true, 512 * 1024);
        var (wire, _, _) = await WriteAsync(data, CompressionMode.On, announceAt: 128 * 1024, expected: 600_000);

        using var reader = new FramedReadStream(new MemoryStream(wire), TimeSpan.FromSeconds(5));
        Assert.Equal(0, reader.ExpectedBytes);
        using var copy = new MemoryStream();
        await reader.CopyToAsync(copy);

        Assert.Equal(600_000, reader.ExpectedBytes);
        Assert.True(reader.Intact);
        Assert.Equal(data, copy.ToArray());
    }

    private static async Task<(byte[] Wire, long Written, long StreamWritten)> WriteAsync(byte[] data, CompressionMode mode, int announceAt = -1, long expected = 0)
    {
        using var wire = new MemoryStream();
        await using var writer = new FramedWriteStream(wire, new Progress<TransferCount>(), mode, time: new Microsoft.Extensions.Time.Testing.FakeTimeProvider());
        for (var offset = 0; offset < data.Length; offset += 64 * 1024)
        {
            if (offset == announceAt)
            {
                writer.Announce(expected);
                writer.Announce(expected * 2); // only the first is told
            }

            await writer.WriteAsync(data.AsMemory(offset, Math.Min(64 * 1024, data.Length - offset)));
        }

        await writer.EndAsync(CancellationToken.None);
        return (wire.ToArray(), writer.Written, writer.StreamWritten);
    }

    /// <summary>A link of a fixed speed on a fake clock: each write moves the clock by the time it takes.</summary>
    private sealed class SlowLink(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, double bytesPerSecond) : MemoryStream
    {
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            clock.Advance(TimeSpan.FromSeconds(buffer.Length / bytesPerSecond));
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    /// <summary>A command's output that hands out at most <paramref name="most"/> bytes per read, as a pipe does.</summary>
    private sealed class TrickleStream(byte[] data, int most) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, most)], cancellationToken);
    }

    private static byte[] Data(bool compressible, int length)
    {
        if (!compressible)
        {
            return RandomNumberGenerator.GetBytes(length);
        }

        var text = new StringBuilder();
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"line {i % 1000}: the quick brown fox jumps over the lazy dog\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString())[..length];
    }
}
