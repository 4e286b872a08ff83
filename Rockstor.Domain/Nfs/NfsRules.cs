using System.Globalization;
using System.Net;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Nfs;

/// <summary>
/// What an NFS export's client list may hold. Every entry goes into the configuration of a server that
/// runs as root, so each host is a DNS name, an IP address or a CIDR range and nothing else (no quotes,
/// no spaces, no wildcards: "everyone" is 0.0.0.0/0, said on purpose).
/// </summary>
public static class NfsRules
{
    public const int MaxClients = 64;

    public const string HostRule = "Give a host name (such as pc1.home.lan), an IP address (192.168.1.20) or a range in CIDR form (192.168.1.0/24).";

    /// <summary>The client list, checked; a sentence for the first entry that is not one.</summary>
    public static IReadOnlyList<NfsClient> Clients(IReadOnlyList<NfsClientRequest>? requests, bool enabled)
    {
        var entries = requests ?? [];
        if (enabled && entries.Count == 0)
        {
            throw new ValidationException("An NFS export needs at least one client: a host, an address or a range allowed to mount the share.");
        }

        if (entries.Count > MaxClients)
        {
            throw new ValidationException($"An NFS export takes at most {MaxClients} client entries; use a CIDR range for many hosts.");
        }

        var clients = new List<NfsClient>();
        foreach (var entry in entries)
        {
            var host = Host(entry.Host);
            if (clients.Any(c => string.Equals(c.Host, host, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ValidationException($"'{host}' is listed more than once; give each client one entry.");
            }

            var readOnly = (entry.Access?.Trim().ToLowerInvariant()) switch
            {
                "ro" => true,
                "rw" => false,
                _ => throw new ValidationException($"The access of '{host}' is \"ro\" (read-only) or \"rw\" (read and write), not \"{Echo.Of(entry.Access)}\"."),
            };
            var allSquash = entry.AllSquash ?? false;
            clients.Add(new NfsClient(host, readOnly, RootSquash: allSquash || (entry.RootSquash ?? true), AllSquash: allSquash));
        }

        return clients;
    }

    /// <summary>A host name, an address or a CIDR range with the network's own address, trimmed; a sentence otherwise.</summary>
    public static string Host(string? host)
    {
        var trimmed = host?.Trim() ?? "";
        if (trimmed.Contains('/', StringComparison.Ordinal))
        {
            return Range(trimmed, host);
        }

        if (IPAddress.TryParse(trimmed, out var address) && !trimmed.Contains('%', StringComparison.Ordinal))
        {
            return address.ToString();
        }

        return NetworkHost.IsValid(trimmed) && !trimmed.Contains(':', StringComparison.Ordinal) && !trimmed.All(c => char.IsAsciiDigit(c) || c == '.')
            ? trimmed.ToLowerInvariant()
            : throw new ValidationException($"'{Echo.Of(host)}' is not a client NFS can take. {HostRule}");
    }

    private static string Range(string trimmed, string? asked)
    {
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (!IPAddress.TryParse(trimmed[..slash], out var network)
            || !int.TryParse(trimmed[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || prefix > (network.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128))
        {
            throw new ValidationException($"'{Echo.Of(asked)}' is not a CIDR range. {HostRule}");
        }

        var bytes = network.GetAddressBytes();
        for (var bit = prefix; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        var baseAddress = new IPAddress(bytes);
        var cidr = $"{baseAddress}/{prefix.ToString(CultureInfo.InvariantCulture)}";
        return baseAddress.Equals(network)
            ? cidr
            : throw new ValidationException($"'{Echo.Of(asked)}' has bits set after its prefix: the range it means is {cidr}.");
    }
}
