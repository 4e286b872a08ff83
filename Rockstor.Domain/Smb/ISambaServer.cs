namespace Rockstor.Domain.Smb;

/// <summary>
/// The appliance's Samba server. <see cref="ApplyAsync"/> turns settings and exports into Samba's
/// configuration, has Samba check it, and only then writes it and has a running server reload it
/// without dropping open connections; a configuration Samba refuses throws
/// <see cref="Common.ValidationException"/> with Samba's reason and changes nothing.
/// </summary>
public interface ISambaServer
{
    Task ApplyAsync(SmbSettings settings, IReadOnlyList<SmbExport> exports, CancellationToken ct);
}
