using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Infrastructure.Replication;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>Auto compression on a real socket whose other end takes data at a slow link's pace.</summary>
public sealed class PacedSocketTests
{
    private const double LinkBytesPerSecond = 20_000_000;

    [Fact(Timeout = 60_000)]
    public async Task Auto_compresses_text_that_a_slow_link_drains_from_a_real_socket()
    {
        await Task.Yield();
        var data = Text(96 * 1024 * 1024);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var sender = new TcpClient { SendBufferSize = 256 * 1024 }; // small buffers: the link pushes back soon
        await sender.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var receiver = await listener.AcceptTcpClientAsync();
        receiver.ReceiveBufferSize = 256 * 1024;

        var drained = DrainAtLinkPaceAsync(receiver.GetStream());

        long written;
        await using (var writer = new FramedWriteStream(sender.GetStream(), new Progress<TransferCount>(), CompressionMode.Auto))
        {
            await writer.ReadFromAsync(new HeaderFirst(data), CancellationToken.None);
            await writer.EndAsync(CancellationToken.None);
            written = writer.Written;
        }

        sender.Client.Shutdown(SocketShutdown.Send);
        var onTheWire = await drained;

        // Text shrinks about tenfold. Uncompressed go the first pieces, which fill the sockets' buffers
        // before the link pushes back, and at worst those until the second probe (the first may meet the
        // compressor's code not yet compiled for speed): some 33 MiB.
        Assert.InRange(written, 1, data.Length / 2);
        Assert.True(onTheWire > written, $"{onTheWire} bytes arrived for {written} of payload");
    }

    /// <summary>Reads what arrives, no faster than the link's rate; returns how many bytes came.</summary>
    private static async Task<long> DrainAtLinkPaceAsync(NetworkStream stream)
    {
        var buffer = new byte[64 * 1024];
        var clock = Stopwatch.StartNew();
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            total += read;
            var due = TimeSpan.FromSeconds(total / LinkBytesPerSecond) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
        }

        return total;
    }

    /// <summary>btrfs send's output: its first read is the stream's small header, as the pipe hands it over.</summary>
    private sealed class HeaderFirst(byte[] data) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(Position == 0 ? buffer[..300] : buffer, cancellationToken);
    }

    private static byte[] Text(int length)
    {
        var text = new byte[length];
        var at = 0;
        for (var i = 0; at < length; i++)
        {
            var line = Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i:D9} GET /shares/{i % 977}/files?page={i % 13} 200 {i % 8191} the quick brown fox\n"));
            var take = Math.Min(line.Length, length - at);
            line.AsSpan(0, take).CopyTo(text.AsSpan(at));
            at += take;
        }

        return text;
    }
}
