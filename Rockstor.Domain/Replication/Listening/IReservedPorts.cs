namespace Rockstor.Domain.Replication.Listening;

/// <summary>The ports the appliance's other servers use (the web-ui and API, SMB, NFS, SFTP), which replication may not take.</summary>
public interface IReservedPorts
{
    IReadOnlyList<ReservedPort> List();
}
