using System.Net.NetworkInformation;
using Rockstor.Domain.Replication.Listening;

namespace Rockstor.Infrastructure.Replication;

/// <summary>The unicast addresses of the interfaces that are up, read from the kernel each time (an address may come and go).</summary>
internal sealed class MachineAddresses : IMachineAddresses
{
    public IReadOnlyList<string> List() => NetworkInterface.GetAllNetworkInterfaces()
        .Where(i => i.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
        .SelectMany(i => i.GetIPProperties().UnicastAddresses)
        .Select(a => a.Address.ToString())
        .Distinct(StringComparer.Ordinal)
        .ToList();
}
