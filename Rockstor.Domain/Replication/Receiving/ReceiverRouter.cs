using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Failback;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Replication.Receiving;

/// <summary>
/// The listener's one receiver: a hello that asks for a restore goes to the failback receiver, every
/// other to the replica receiver; a plan goes back to the one that made it.
/// </summary>
public sealed class ReceiverRouter(ReplicaReceiver replicas, FailbackReceiver failbacks, AttemptLog log) : IReplicationReceiver
{
    public ReplicationWelcome Hello(PairedAppliance sender, ReplicationHello hello) =>
        hello.Restore is null ? replicas.Hello(sender, hello) : failbacks.Hello(sender, hello);

    public async Task<ReceivePlan> OfferAsync(PairedAppliance sender, ReplicationHello hello, ReplicationOffer offer, CancellationToken ct) =>
        hello.Restore is null
            ? await replicas.OfferAsync(sender, hello, offer, ct).ConfigureAwait(false)
            : await failbacks.OfferAsync(sender, hello, offer, ct).ConfigureAwait(false);

    public Task<ReplicationVerdict> ReceiveAsync(ReceivePlan plan, ReceivedStream stream, IProgress<long> applied, CancellationToken ct) => plan switch
    {
        ReplicaPlan replica => replicas.ReceiveAsync(replica, stream, applied, ct),
        RestorePlan restore => failbacks.ReceiveAsync(restore, stream, ct),
        _ => throw new ArgumentException($"Not a plan of this appliance: {plan.GetType().Name}", nameof(plan)),
    };

    public void Abandon(ReceivePlan plan, string reason)
    {
        switch (plan)
        {
            case ReplicaPlan replica:
                replicas.Abandon(replica, reason);
                break;
            case RestorePlan restore:
                failbacks.Abandon(restore, reason);
                break;
        }
    }

    public void Refused(string from, string reason) => log.Refused(from, reason);

    public void Refused(PairedAppliance sender, string reason) => log.Refused(sender, reason);
}
