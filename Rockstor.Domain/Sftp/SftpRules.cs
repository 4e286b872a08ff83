using Rockstor.Domain.Common;

namespace Rockstor.Domain.Sftp;

/// <summary>What the SFTP service's settings may be, whether an admin types them or a configuration file brings them.</summary>
public static class SftpRules
{
    public const int MinPort = 1;

    public const int MaxPort = 65535;

    /// <summary>The port sshd listens on for SFTP, or a sentence when it is not a port.</summary>
    public static int Port(int port) => port is < MinPort or > MaxPort
        ? throw new ValidationException($"{port} is not a port: choose one from {MinPort} to {MaxPort}.")
        : port;
}
