using System.Net;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Services;

namespace Rockstor.Domain.Replication.Listening;

/// <summary>
/// Where the Replication service listens, changed while the appliance runs: the new place is checked
/// (a port of its own, an address of this machine), opened before the old one is closed, and only then
/// stored; a new port is announced to every paired appliance, which keep our port with us and in their tasks.
/// </summary>
public sealed class ReplicationListenerService(
    IReplicationListenerStore store,
    IReplicationEndpoint endpoint,
    IMachineAddresses addresses,
    IReservedPorts reserved,
    IPairedApplianceRepository appliances,
    IPeerClient peers,
    ApplianceIdentity identity,
    ServiceMonitor monitor)
{
    public const int MinPort = 1;

    public const int MaxPort = 65535;

    private readonly SemaphoreSlim _gate = new(1, 1);

    public ReplicationListenerSettings Settings() => store.Load();

    /// <summary>The port this appliance tells peers to replicate to.</summary>
    public int Port() => store.Load().Port;

    /// <summary>The addresses the listener may be bound to (besides all of them).</summary>
    public IReadOnlyList<string> Addresses() => addresses.List();

    public async Task<ReplicationListenerChange> SetAsync(ReplicationListenerRequest request, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = store.Load();
            var wanted = new ReplicationListenerSettings(
                request.ListenAddress is null ? current.ListenAddress : AddressOf(request.ListenAddress),
                request.Port ?? current.Port);
            if (wanted == current)
            {
                return new ReplicationListenerChange(current, []);
            }

            CheckPort(wanted.Port);
            await endpoint.MoveAsync(wanted, () => store.Save(wanted), ct).ConfigureAwait(false);
            if (monitor.Get(ServiceNames.Replication) is { Enabled: true, State: ServiceState.Failed })
            {
                // It could not start where it was (a port taken): try again at the new place.
                await monitor.SetEnabledAsync(ServiceNames.Replication, true, ct).ConfigureAwait(false);
            }

            var told = wanted.Port == current.Port ? [] : await AnnounceAsync(wanted.Port, ct).ConfigureAwait(false);
            return new ReplicationListenerChange(wanted, told);
        }
        finally
        {
            _gate.Release();
        }
    }

    private void CheckPort(int port)
    {
        if (port is < MinPort or > MaxPort)
        {
            throw new ValidationException($"{port} is not a port: choose one from {MinPort} to {MaxPort}.");
        }

        if (reserved.List().FirstOrDefault(r => r.Port == port) is { } taken)
        {
            throw new ValidationException($"Port {port} is the {taken.Holder}'s port on this appliance; choose another for replication.");
        }
    }

    /// <summary>An address of this machine in its usual written form, or null for all ("" or "all").</summary>
    private string? AddressOf(string typed)
    {
        var text = typed.Trim();
        if (text.Length == 0 || text.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            throw new ValidationException($"'{Echo.Of(text)}' is not an IP address: choose one of this machine's addresses, or all of them.");
        }

        foreach (var own in addresses.List())
        {
            if (IPAddress.TryParse(own, out var candidate) && candidate.Equals(address))
            {
                return own;
            }
        }

        throw new ValidationException(
            $"{address} is not an address of this machine; choose one of {string.Join(", ", addresses.List())}, or all of them.");
    }

    /// <summary>Tells each paired appliance our new port; one that cannot be told is named with the reason.</summary>
    private async Task<IReadOnlyList<PeerNotice>> AnnounceAsync(int port, CancellationToken ct)
    {
        var ownId = identity.Current.Id;
        var notices = new List<PeerNotice>();
        foreach (var peer in appliances.List().Where(a => a.State == PairingState.Paired))
        {
            try
            {
                await peers.AnnounceReplicationPortAsync(peer, ownId, port, ct).ConfigureAwait(false);
                notices.Add(new PeerNotice(peer.Id, peer.Hostname, null));
            }
            catch (RockstorException e)
            {
                notices.Add(new PeerNotice(peer.Id, peer.Hostname, e.Message));
            }
        }

        return notices;
    }
}
