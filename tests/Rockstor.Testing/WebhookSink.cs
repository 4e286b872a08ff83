using System.Net.Sockets;
using System.Text;

namespace Rockstor.Testing;

/// <summary>A small HTTP server that takes every POST, keeps its body, and answers 204.</summary>
public sealed class WebhookSink(string address) : SocketSink(address)
{
    public string Url => $"http://{Address}:{Port}/hooks/rockstor";

    protected override async Task ServeAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await stream.ReadAsync(one, Stop.Token) == 1)
        {
            head.Append((char)one[0]);
        }

        var length = head.ToString().Split("\r\n")
            .Where(h => h.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.Parse(h["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, Stop.Token);
        await DeliveredAsync(Encoding.UTF8.GetString(body));
        var answer = "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray();
        await stream.WriteAsync(answer, Stop.Token);
    }
}
