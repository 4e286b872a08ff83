namespace Rockstor.Domain.Sftp;

/// <summary>
/// The appliance's SSH server for SFTP. <see cref="ApplyAsync"/> turns settings and exports into the
/// server's configuration and each user's locked folder, has the server check the configuration, and
/// only then puts it in place and has a running server reload it without dropping other users'
/// sessions; a configuration the server refuses throws <see cref="Common.ValidationException"/> and
/// changes nothing.
/// </summary>
public interface ISftpServer
{
    /// <summary>The port used while the admin has chosen none.</summary>
    int DefaultPort { get; }

    Task ApplyAsync(SftpSettings settings, IReadOnlyList<SftpExport> exports, CancellationToken ct);
}
