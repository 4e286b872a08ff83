namespace Rockstor.Domain.Nfs;

/// <summary>
/// The appliance's NFS server. <see cref="ApplyAsync"/> turns settings and exports into the server's
/// configuration and has a running server take it without a restart, so other exports' clients are not
/// disturbed; a configuration the server refuses is put back as it was and throws
/// <see cref="Common.ValidationException"/> with the server's reason.
/// </summary>
public interface INfsServer
{
    Task ApplyAsync(NfsSettings settings, IReadOnlyList<NfsExport> exports, CancellationToken ct);
}
