using System.Net;
using System.Net.Sockets;

namespace Rockstor.Bench.DelayLine;

/// <summary>
/// The receiving end of the raw pipe over a link (<c>nc -l</c>): accepts one connection, writes what
/// it receives to standard output, and ends when the sender's data ends.
/// </summary>
public static class StdoutServer
{
    public static async Task RunAsync(IPEndPoint listen)
    {
        Socket connection;
        using (var listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp))
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(listen);
            listener.Listen(1);
            connection = await listener.AcceptAsync();
        }

        await using var network = new NetworkStream(connection, ownsSocket: true);
        await using var output = Console.OpenStandardOutput();
        await network.CopyToAsync(output, LinkSettings.ReadBytes);
    }
}
