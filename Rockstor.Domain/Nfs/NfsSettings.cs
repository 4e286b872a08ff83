namespace Rockstor.Domain.Nfs;

/// <summary>The NFS service's own settings: NFSv4 always, NFSv3 as well when the admin turns it on.</summary>
public sealed record NfsSettings
{
    /// <summary>Also serve NFSv3 (it needs the machine's portmapper, rpcbind, to be running).</summary>
    public bool V3 { get; init; }
}
