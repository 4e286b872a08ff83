using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Rockstor.Testing;

/// <summary>
/// A small SMTP server on a real socket that takes every mail (no TLS, no login) and keeps it, with its
/// envelope recipients, for the test to read. Dispose stops it.
/// </summary>
public sealed class MailSink : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<string> _mails = Channel.CreateUnbounded<string>();
    private int _count;

    public MailSink(string address)
    {
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Mails taken so far.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>The next mail: "RCPT: …" lines, then the message as sent.</summary>
    public async Task<string> NextAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return await _mails.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No mail arrived within {within.TotalSeconds:0} s.");
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
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 rockstor-test-sink ESMTP");
                var recipients = new StringBuilder();
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var command = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (command)
                    {
                        case "EHLO" or "HELO":
                            await writer.WriteLineAsync("250 rockstor-test-sink");
                            break;
                        case "RCPT":
                            recipients.Append("RCPT: ").Append(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).Append('\n');
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 Go on");
                            var message = new StringBuilder(recipients.ToString());
                            var inHeaders = true;
                            while (await reader.ReadLineAsync(_stop.Token) is { } data && data != ".")
                            {
                                inHeaders &= data.Length > 0;
                                if (inHeaders && data.Length > 0 && char.IsWhiteSpace(data[0]))
                                {
                                    message.Length--; // a folded header goes on: unfold it, as a mail reader does
                                    message.Append(' ').Append(data.TrimStart()).Append('\n');
                                    continue;
                                }

                                message.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append('\n');
                            }

                            Interlocked.Increment(ref _count);
                            await _mails.Writer.WriteAsync(message.ToString());
                            recipients.Clear();
                            await writer.WriteLineAsync("250 Taken");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK"); // MAIL, RSET, NOOP
                            break;
                    }
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, or the sink is stopping.
            }
        }
    }
}
