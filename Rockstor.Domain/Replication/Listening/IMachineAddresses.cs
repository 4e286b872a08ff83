namespace Rockstor.Domain.Replication.Listening;

/// <summary>The IP addresses of this machine's network interfaces, as text (IPv6 link-local ones with their scope).</summary>
public interface IMachineAddresses
{
    IReadOnlyList<string> List();
}
