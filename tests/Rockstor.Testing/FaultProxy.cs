using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Rockstor.Testing;

/// <summary>
/// A TCP proxy on a test host (inside its network namespace) in front of a port of the same host, that
/// can hold the forward direction after a number of bytes, flip a byte on the way, slow it to a rate,
/// delay it (latency, pipelined as on a long link), and cut every connection: a link that breaks,
/// garbles or crawls in the middle of a transfer, as the test chooses. Dispose closes everything.
/// </summary>
public sealed partial class FaultProxy : IDisposable
{
    private const int NewNetworkNamespace = 0x40000000;

    private readonly TestHost _host;
    private readonly int _targetPort;
    private readonly Socket _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _sockets = [];
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _holdAfter = long.MaxValue;
    private long _flipAt = -1;
    private long _accepted;
    private long _forwarded;
    private long _bytesPerSecond;
    private long _delayTicks;

    public FaultProxy(TestHost host, int targetPort)
    {
        _host = host;
        _targetPort = targetPort;
        _listener = InNamespace(host.Namespace, () =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(host.Address), 0));
            socket.Listen();
            return socket;
        });
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        _ = AcceptAsync();
    }

    /// <summary>The port to give the sender instead of the target port.</summary>
    public int Port { get; }

    /// <summary>Bytes forwarded towards the target so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    /// <summary>Completes when the forward direction has reached the hold point.</summary>
    public Task Held => _held.Task;

    /// <summary>Forwards no faster than this (0: as fast as it comes).</summary>
    public void Throttle(long bytesPerSecond) => Interlocked.Exchange(ref _bytesPerSecond, bytesPerSecond);

    /// <summary>Forwards every byte this long after it arrived (0: at once).</summary>
    public void Delay(TimeSpan latency) => Interlocked.Exchange(ref _delayTicks, latency.Ticks);

    /// <summary>Flips the bits of the forwarded byte at this position (counted over all connections), once.</summary>
    public void FlipAt(long position) => Interlocked.Exchange(ref _flipAt, position);

    /// <summary>Forwards this many bytes towards the target, then holds (nothing more goes through).</summary>
    public void HoldAfter(long bytes) => Interlocked.Exchange(ref _holdAfter, bytes);

    /// <summary>Breaks every connection now, as a link that goes down does (reset, no goodbye).</summary>
    public void Cut()
    {
        lock (_sockets)
        {
            foreach (var socket in _sockets)
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (ObjectDisposedException)
                {
                    // That connection had already ended.
                }

                socket.Dispose();
            }

            _sockets.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        Cut();
        _stop.Dispose();
    }

    /// <summary>Makes a socket inside a network namespace: it stays there whichever thread uses it later.</summary>
    public static T InNamespace<T>(string networkNamespace, Func<T> make)
    {
        T? made = default;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle($"/var/run/netns/{networkNamespace}");
                if (SetNamespace((int)handle.DangerousGetHandle(), NewNetworkNamespace) != 0)
                {
                    throw new IOException($"setns into {networkNamespace} failed with errno {Marshal.GetLastPInvokeError()}");
                }

                made = make();
            }
#pragma warning disable CA1031 // Handed to the caller's thread below.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? made! : throw new IOException($"Could not make a socket in {networkNamespace}", failure);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNamespace(int fd, int type);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket downstream;
            try
            {
                downstream = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(downstream);
        }
    }

    private async Task ForwardAsync(Socket downstream)
    {
        var upstream = InNamespace(_host.Namespace, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
        lock (_sockets)
        {
            _sockets.Add(downstream);
            _sockets.Add(upstream);
        }

        try
        {
            await upstream.ConnectAsync(IPAddress.Parse(_host.Address), _targetPort, _stop.Token);
            await Task.WhenAny(PumpAsync(downstream, upstream, counted: true), PumpAsync(upstream, downstream, counted: false));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or the other end went away.
        }
        finally
        {
            downstream.Dispose();
            upstream.Dispose();
        }
    }

    private async Task PumpAsync(Socket from, Socket to, bool counted)
    {
        if (!counted)
        {
            await CopyAsync(from, to);
            return;
        }

        // Forward direction: a reader takes what arrives (and decides holds and flips), a writer sends it
        // on when it is due (latency) and as the rate allows. Bounded, so a slow link pushes back.
        var queue = System.Threading.Channels.Channel.CreateBounded<Piece>(64);
        var reading = ReadAsync(from, queue.Writer);
        await WriteAsync(to, queue.Reader);
        await reading;
    }

    private async Task CopyAsync(Socket from, Socket to)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or the other end went away.
        }
    }

    private async Task ReadAsync(Socket from, System.Threading.Channels.ChannelWriter<Piece> queue)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                var accepted = Interlocked.Read(ref _accepted);
                var pass = (int)Math.Clamp(Interlocked.Read(ref _holdAfter) - accepted, 0, read);
                if (Interlocked.Read(ref _flipAt) is var flip and >= 0 && flip >= accepted && flip < accepted + pass)
                {
                    buffer[flip - accepted] ^= 0xFF;
                    Interlocked.Exchange(ref _flipAt, -1);
                }

                Interlocked.Add(ref _accepted, pass);
                var due = DateTime.UtcNow.Ticks + Interlocked.Read(ref _delayTicks);
                await queue.WriteAsync(new Piece(buffer[..pass], due, Held: pass < read), _stop.Token);
                if (pass < read)
                {
                    await Task.Delay(Timeout.Infinite, _stop.Token); // held until cut or disposed
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or the other end went away.
        }
        finally
        {
            queue.TryComplete();
        }
    }

    private async Task WriteAsync(Socket to, System.Threading.Channels.ChannelReader<Piece> queue)
    {
        var paced = System.Diagnostics.Stopwatch.StartNew();
        long pacedBytes = 0;
        try
        {
            await foreach (var piece in queue.ReadAllAsync(_stop.Token))
            {
                var wait = new TimeSpan(piece.Due - DateTime.UtcNow.Ticks);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _stop.Token);
                }

                if (Interlocked.Read(ref _bytesPerSecond) is > 0 and var rate)
                {
                    pacedBytes += piece.Data.Length;
                    var early = TimeSpan.FromSeconds((double)pacedBytes / rate) - paced.Elapsed;
                    if (early > TimeSpan.Zero)
                    {
                        await Task.Delay(early, _stop.Token);
                    }
                }

                if (piece.Data.Length > 0)
                {
                    await to.SendAsync(piece.Data, SocketFlags.None, _stop.Token);
                    Interlocked.Add(ref _forwarded, piece.Data.Length);
                }

                if (piece.Held)
                {
                    _held.TrySetResult(); // everything before the hold point has gone through
                }
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Cut, or the other end went away.
        }
    }

    /// <summary>What arrived, when it is due to go on, and whether the hold point came with it.</summary>
    private readonly record struct Piece(byte[] Data, long Due, bool Held);
}
