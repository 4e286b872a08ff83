using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;

/// <summary>
/// The Replication service's state and where it listens (<c>listenAddress</c> null: all addresses), the
/// addresses it could listen on, and, after a new port, the paired appliances told of it and those that were not.
/// </summary>
public sealed record ReplicationServiceDto(
    bool Enabled,
    string State,
    string? Error,
    string? ListenAddress,
    int Port,
    IReadOnlyList<string> Addresses,
    IReadOnlyList<PeerNoticeDto> Peers,
    string? Notice)
{
    public static ReplicationServiceDto From(ServiceStatus status, ReplicationListenerSettings settings, IReadOnlyList<string> addresses, IReadOnlyList<PeerNotice>? peers = null)
    {
        var notTold = (peers ?? []).Where(p => !p.Told).ToList();
        var told = (peers ?? []).Where(p => p.Told).ToList();
        string? notice = null;
        if (peers is { Count: > 0 })
        {
            notice = (told.Count > 0 ? $"Told {string.Join(", ", told.Select(p => p.Hostname))} of port {settings.Port}. " : "")
                + (notTold.Count > 0
                    ? $"Could not reach {string.Join(", ", notTold.Select(p => p.Hostname))}: tell them by hand (on each, edit the port of the tasks that replicate here to {settings.Port})."
                    : "");
        }

        return new(status.Enabled, status.State.ToString().ToLowerInvariant(), status.Error, settings.ListenAddress, settings.Port, addresses, (peers ?? []).Select(PeerNoticeDto.From).ToList(), notice?.Trim());
    }
}
