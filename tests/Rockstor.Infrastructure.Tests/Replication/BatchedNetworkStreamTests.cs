using Rockstor.Infrastructure.Replication;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>The socket under TLS: written in batches once the handshake is over, read in gulps.</summary>
public sealed class BatchedNetworkStreamTests
{
    [Fact]
    public async Task Writes_go_at_once_until_batching_is_on_then_wait_for_a_flush_or_a_full_batch()
    {
        var socket = new CountingStream();
        await using var batched = new BatchedNetworkStream(socket);

        await batched.WriteAsync(new byte[100]); // the handshake: at once
        Assert.Equal((1, 100L), (socket.Writes, socket.Length));

        batched.Batching = true;
        for (var i = 0; i < 4; i++)
        {
            await batched.WriteAsync(new byte[16 * 1024]); // four TLS records
        }

        Assert.Equal(1, socket.Writes);
        await batched.FlushAsync();
        Assert.Equal((2, 100L + (64 * 1024)), (socket.Writes, socket.Length)); // one write for the four

        await batched.WriteAsync(new byte[40 * 1024]);
        await batched.WriteAsync(new byte[40 * 1024]); // more than a batch: the first goes before it
        Assert.Equal((3, 100L + (104 * 1024)), (socket.Writes, socket.Length));
    }

    [Fact]
    public async Task Reads_take_what_the_socket_holds_in_one_gulp_and_hand_it_out_whole()
    {
        var data = Enumerable.Range(0, 200_000).Select(i => (byte)i).ToArray();
        var socket = new CountingStream(data);
        await using var batched = new BatchedNetworkStream(socket);

        using var arrived = new MemoryStream();
        var buffer = new byte[5000];
        int read;
        while ((read = await batched.ReadAsync(buffer)) > 0)
        {
            arrived.Write(buffer, 0, read);
        }

        Assert.Equal(data, arrived.ToArray());
        Assert.Equal(5, socket.Reads); // 64 KiB gulps: 200,000 bytes in four, then the end
    }

    /// <summary>A socket that counts the calls made on it.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public CountingStream()
        {
        }

        public CountingStream(byte[] incoming)
            : base(incoming)
        {
        }

        public int Writes { get; private set; }

        public int Reads { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
