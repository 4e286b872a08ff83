namespace Rockstor.Domain.Sftp;

/// <summary>The SFTP service's own settings.</summary>
public sealed record SftpSettings
{
    /// <summary>The port the admin chose; null leaves the appliance's default (<see cref="ISftpServer.DefaultPort"/>).</summary>
    public int? Port { get; init; }
}
