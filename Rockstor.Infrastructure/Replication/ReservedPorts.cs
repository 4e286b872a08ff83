using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Sftp;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The ports of the appliance's other servers: the web-ui and API (the addresses Kestrel listens on, read at use
/// time; none when there is no web server, as in component tests), SMB, NFS and SFTP (the admin's or the default).
/// </summary>
internal sealed class ReservedPorts(IOptions<RockstorOptions> options, ISftpStore sftp, IServiceProvider services) : IReservedPorts
{
    public IReadOnlyList<ReservedPort> List()
    {
        var ports = new List<ReservedPort>();
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var colon = address.LastIndexOf(':');
            if (colon > 0 && int.TryParse(address.AsSpan(colon + 1).TrimEnd('/'), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                ports.Add(new ReservedPort(port, "web-ui and API (management)"));
            }
        }

        ports.Add(new ReservedPort(options.Value.SmbPort, "SMB server"));
        ports.Add(new ReservedPort(options.Value.NfsPort, "NFS server"));
        ports.Add(new ReservedPort(sftp.LoadSettings().Port ?? options.Value.SftpPort, "SFTP server"));
        return ports;
    }
}
