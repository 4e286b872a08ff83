using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Rockstor.Testing;

/// <summary>
/// A small HTTP server on a real socket that takes every POST, keeps its body, and answers 204 (or the
/// status the test sets). Dispose stops it.
/// </summary>
public sealed class WebhookSink : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<string> _bodies = Channel.CreateUnbounded<string>();
    private int _count;

    public WebhookSink(string address)
    {
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        Url = $"http://{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}/hooks/rockstor";
        _ = AcceptAsync();
    }

    public string Url { get; }

    /// <summary>The status answered: 204 unless the test wants the webhook to fail.</summary>
    public int Status { get; set; } = 204;

    public int Count => Volatile.Read(ref _count);

    public async Task<string> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await _bodies.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No webhook call arrived within {within.TotalSeconds:0} s.");
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                _ = ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new StringBuilder();
                var one = new byte[1];
                while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, _stop.Token) == 1)
                {
                    head.Append((char)one[0]);
                }

                var length = head.ToString().Split("\r\n")
                    .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
                    .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                    .FirstOrDefault();
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, _stop.Token);
                Interlocked.Increment(ref _count);
                await _bodies.Writer.WriteAsync(Encoding.UTF8.GetString(body));
                var answer = Encoding.ASCII.GetBytes($"HTTP/1.1 {Status} {(Status < 300 ? "OK" : "Failed")}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(answer, _stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the sink is stopping.
            }
        }
    }
}
