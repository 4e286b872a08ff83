using System.Net.Sockets;
using System.Text;

namespace Rockstor.Testing;

/// <summary>
/// A small SMTP server that takes every mail (no TLS) and keeps it, with its envelope recipients
/// ("RCPT: …" lines first) and its headers unfolded, for the test to read. It offers AUTH PLAIN, takes
/// any login, and keeps each as "username:password" in <see cref="Logins"/>.
/// </summary>
public sealed class MailSink(string address) : SocketSink(address)
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _logins = new();

    /// <summary>The logins clients made, "username:password", in order.</summary>
    public IReadOnlyList<string> Logins => _logins.ToList();

    /// <summary>
    /// The next mail that holds <paramref name="text"/>, passing over the others; on a timeout, says what
    /// <paramref name="why"/> tells (the alert's notification error, say).
    /// </summary>
    public async Task<string> NextWithAsync(string text, TimeSpan within, Func<string?>? why = null)
    {
        while (true)
        {
            string next;
            try
            {
                next = await NextAsync(within);
            }
            catch (TimeoutException e) when (why is not null)
            {
                throw new TimeoutException($"{e.Message} The sender said: {why()}", e);
            }

            if (next.Contains(text, StringComparison.Ordinal))
            {
                return next;
            }
        }
    }

    protected override async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        await writer.WriteLineAsync("220 rockstor-test-sink ESMTP");
        var recipients = new StringBuilder();
        while (await reader.ReadLineAsync(Stop.Token) is { } line)
        {
            switch (line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant())
            {
                case "EHLO" or "HELO":
                    await writer.WriteLineAsync("250-rockstor-test-sink");
                    await writer.WriteLineAsync("250 AUTH PLAIN");
                    break;
                case "AUTH":
                    var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 3)
                    {
                        await writer.WriteLineAsync("334 ");
                    }

                    var plain = parts.Length >= 3 ? parts[2] : await reader.ReadLineAsync(Stop.Token) ?? "";
                    var fields = Encoding.UTF8.GetString(Convert.FromBase64String(plain)).Split('\0');
                    _logins.Enqueue($"{fields[^2]}:{fields[^1]}");
                    await writer.WriteLineAsync("235 Authenticated");
                    break;
                case "RCPT":
                    recipients.Append("RCPT: ").Append(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).Append('\n');
                    await writer.WriteLineAsync("250 OK");
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 Go on");
                    await DeliveredAsync(await ReadMessageAsync(reader, recipients.ToString()));
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

    /// <summary>The message up to the lone ".", dot-unstuffed, its folded headers unfolded as a mail reader does.</summary>
    private async Task<string> ReadMessageAsync(StreamReader reader, string recipients)
    {
        var message = new StringBuilder(recipients);
        var inHeaders = true;
        while (await reader.ReadLineAsync(Stop.Token) is { } data && data != ".")
        {
            inHeaders &= data.Length > 0;
            if (inHeaders && char.IsWhiteSpace(data[0]))
            {
                message.Length--;
                message.Append(' ').Append(data.TrimStart()).Append('\n');
                continue;
            }

            message.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append('\n');
        }

        return message.ToString();
    }
}
