using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Rockstor.Testing;

/// <summary>
/// A small server on a real socket of the test's own that keeps what each client delivers, for the test
/// to read in order: the common part of <see cref="MailSink"/> and <see cref="WebhookSink"/>.
/// </summary>
public abstract class SocketSink : IDisposable
{
    private readonly TcpListener _listener;
    private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
    private int _count;

    protected SocketSink(string address)
    {
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        Address = address;
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public string Address { get; }

    public int Port { get; }

    /// <summary>What has been delivered so far.</summary>
    public int Count => Volatile.Read(ref _count);

    protected CancellationTokenSource Stop { get; } = new();

    /// <summary>The next delivery, in the order they came.</summary>
    public async Task<string> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await _received.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Nothing arrived at the {GetType().Name} within {within.TotalSeconds:0} s.");
        }
    }

    public void Dispose()
    {
        Stop.Cancel();
        _listener.Stop();
        Stop.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Speaks the protocol with one client over <paramref name="stream"/>, handing each delivery to <see cref="DeliveredAsync"/>.</summary>
    protected abstract Task ServeAsync(NetworkStream stream);

    protected async Task DeliveredAsync(string delivery)
    {
        Interlocked.Increment(ref _count);
        await _received.Writer.WriteAsync(delivery);
    }

    private async Task AcceptAsync()
    {
        while (!Stop.IsCancellationRequested)
        {
            try
            {
                _ = ServeClientAsync(await _listener.AcceptTcpClientAsync(Stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeClientAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client.GetStream());
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the sink is stopping.
            }
        }
    }
}
