namespace Rockstor.Domain.Services;

/// <summary>The names of the appliance's services, as the API and the Services screen use them.</summary>
public static class ServiceNames
{
    /// <summary>Receiving replicas from paired appliances, and running this appliance's send tasks.</summary>
    public const string Replication = "replication";

    /// <summary>Serving shares over SMB to Windows, macOS and Linux clients.</summary>
    public const string Samba = "samba";

    /// <summary>Serving shares over NFS to Linux and Unix clients.</summary>
    public const string Nfs = "nfs";

    /// <summary>Offering shares over SFTP to chosen users, each locked into the shares offered to them.</summary>
    public const string Sftp = "sftp";
}
