using System.Net;
using System.Net.Sockets;
using Rockstor.Domain.Common;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>The system's resolver (/etc/hosts, then DNS).</summary>
internal sealed class DnsResolver : IHostResolver
{
    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct)
    {
        try
        {
            return await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return [];
        }
    }
}
