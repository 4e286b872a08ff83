using Rockstor.Domain.Nfs;
using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;

/// <summary>The NFS service's state with its settings.</summary>
public sealed record NfsServiceDto(bool Enabled, string State, string? Error, bool V3)
{
    public static NfsServiceDto From(ServiceStatus status, NfsSettings settings) =>
        new(status.Enabled, status.State.ToString().ToLowerInvariant(), status.Error, settings.V3);
}
