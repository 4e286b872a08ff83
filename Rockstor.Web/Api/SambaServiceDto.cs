using Rockstor.Domain.Services;
using Rockstor.Domain.Smb;

namespace Rockstor.Web.Api;

/// <summary>The Samba service's state with its settings.</summary>
public sealed record SambaServiceDto(bool Enabled, string State, string? Error, string Workgroup, IReadOnlyList<string> GlobalOptions)
{
    public static SambaServiceDto From(ServiceStatus status, SmbSettings settings) =>
        new(status.Enabled, status.State.ToString().ToLowerInvariant(), status.Error, settings.Workgroup, settings.GlobalOptions);
}
