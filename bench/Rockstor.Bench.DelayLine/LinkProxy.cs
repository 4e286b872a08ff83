using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Rockstor.Bench.DelayLine;

/// <summary>
/// Accepts any number of TCP connections and joins each to the target through two <see cref="Pump"/>s,
/// one per direction, each its own link with the settings given. A half-close goes through once what
/// was held before it has left; a reset (or the target refusing) resets both sides.
/// </summary>
public sealed class LinkProxy(IPEndPoint listen, IPEndPoint target, LinkSettings link, TimeProvider time)
{
    // Enough for every piece one direction may hold, so a full queue does not allocate its buffers anew.
    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create(LinkSettings.ReadBytes, (int)Math.Min(4096, link.QueueBytes / LinkSettings.ReadBytes * 2 + 16));
    private readonly DueTimer _timer = new(time);
    private long _connections;

    /// <summary>Runs until the process ends.</summary>
    public async Task RunAsync()
    {
        using var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Bind(listen);
        listener.Listen(512);
        Console.Error.WriteLine($"delay line {listen} -> {target}: {link}");
        while (true)
        {
            var client = await listener.AcceptAsync();
            _ = JoinAsync(client, Interlocked.Increment(ref _connections));
        }
    }

    private async Task JoinAsync(Socket client, long number)
    {
        using var owned = client;
        using var server = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var reset = new CancellationTokenSource();
        client.NoDelay = true;
        server.NoDelay = true;
        try
        {
            await server.ConnectAsync(target);
        }
        catch (Exception e) when (Ends(e))
        {
            Console.Error.WriteLine($"connection {number}: {target} refused it ({e.Message}); reset");
            Abort(client);
            return;
        }

        var up = new Pump(client, server, link, _pool, time, _timer);
        var down = new Pump(server, client, link, _pool, time, _timer);
        await Task.WhenAll(RunAsync(up, "towards the target"), RunAsync(down, "back"));

        async Task RunAsync(Pump pump, string direction)
        {
            try
            {
                await pump.RunAsync(reset.Token);
            }
            catch (Exception e) when (Ends(e))
            {
                if (!reset.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"connection {number}: {direction}, {e.GetType().Name} ({e.Message}) after {pump.Forwarded} bytes; both sides reset");
                    await reset.CancelAsync();
                    Abort(client);
                    Abort(server);
                }
            }
        }
    }

    /// <summary>Closes with a reset rather than a goodbye, as the side that went away did.</summary>
    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception e) when (Ends(e))
        {
            // Already closed.
        }

        socket.Dispose();
    }

    /// <summary>What a connection ends with when a side resets, goes away or is reset by us.</summary>
    private static bool Ends(Exception e) =>
        e is SocketException or IOException or ObjectDisposedException or OperationCanceledException or ChannelClosedException;
}
