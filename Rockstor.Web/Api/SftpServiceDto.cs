using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;

/// <summary>The SFTP service's state with the port it listens on.</summary>
public sealed record SftpServiceDto(bool Enabled, string State, string? Error, int Port)
{
    public static SftpServiceDto From(ServiceStatus status, int port) =>
        new(status.Enabled, status.State.ToString().ToLowerInvariant(), status.Error, port);
}
