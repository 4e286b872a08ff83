using System.Net.Http.Json;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Restores;

namespace Rockstor.Infrastructure.Peers;

/// <summary>The calls a restore makes to the appliance that holds a replica (ADR-017).</summary>
public sealed partial class PeerClient : IRestorePeer
{
    public async Task<IReadOnlyList<HeldReplica>> ListHeldAsync(PairedAppliance peer, string ownId, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.GetAsync(new Uri("/api/peer/replicas", UriKind.Relative), ct))
            .ConfigureAwait(false);
        await EnsureAnsweredAsync(peer, response, "could not list what it holds", ct).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<List<HeldReplica>>(ct).ConfigureAwait(false) ?? [];
    }

    public async Task RequestRestoreAsync(PairedAppliance peer, string ownId, PeerRestoreRequest request, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.PostAsJsonAsync("/api/peer/restores", request, ct)).ConfigureAwait(false);
        await EnsureAnsweredAsync(peer, response, "refused the restore", ct).ConfigureAwait(false);
    }
}
