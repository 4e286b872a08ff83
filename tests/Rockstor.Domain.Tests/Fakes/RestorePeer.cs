using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Restores;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The other appliance: keeps the restores it is asked for, or refuses them with <see cref="Refusal"/>.</summary>
public sealed class RestorePeer : IRestorePeer
{
    public List<(string PeerId, PeerRestoreRequest Request)> Asked { get; } = [];

    public string? Refusal { get; set; }

    public Task<IReadOnlyList<HeldReplica>> ListHeldAsync(PairedAppliance peer, string ownId, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HeldReplica>>([]);

    public Task RequestRestoreAsync(PairedAppliance peer, string ownId, PeerRestoreRequest request, CancellationToken ct)
    {
        if (Refusal is not null)
        {
            throw new PeerRefusedException(Refusal);
        }

        Asked.Add((peer.Id, request));
        return Task.CompletedTask;
    }
}
