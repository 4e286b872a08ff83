using System.Globalization;

namespace Rockstor.Infrastructure.Servers;

/// <summary>
/// Whether something listens on a TCP port in this process's network namespace, read from the kernel's
/// socket tables (/proc/net/tcp and tcp6), so no connection is made to find out.
/// </summary>
internal static class ListeningPorts
{
    private const string Listen = "0A";

    public static bool IsListening(int port) =>
        new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists).Any(table => Parse(File.ReadAllText(table)).Contains(port));

    /// <summary>The local ports of the table's sockets in the listening state.</summary>
    internal static HashSet<int> Parse(string table)
    {
        var ports = new HashSet<int>();
        foreach (var line in table.Split('\n').Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 3 && fields[3] == Listen && fields[1].LastIndexOf(':') is var colon and > 0
                && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var port))
            {
                ports.Add(port);
            }
        }

        return ports;
    }
}
