using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Services;
using Rockstor.Infrastructure.Certificates;

namespace Rockstor.Infrastructure.Replication;
/// <summary>
/// The replication listener: the Replication service. It listens on the stored address and port only while
/// the service is on, and moves to another without a restart (the new socket opens before the old closes). Every connection is TLS with both certificates checked: the appliance's own serves,
/// and the sender must present the certificate pinned for a paired appliance, or the handshake fails
/// before a byte of data is read.
/// </summary>
public sealed class ReplicationListener(
    IOptions<RockstorOptions> options,
    IReplicationListenerStore settings,
    LocalCertificate certificate,
    IPairedApplianceRepository appliances,
    IReplicationReceiver receiver,
    ILogger<ReplicationListener> logger) : IManagedService, IReplicationEndpoint, IReportsFailure, IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>TLS handshakes under way at once, in all and per address; a connection beyond is closed at once (and its refusal counted).</summary>
    private readonly HandshakeSlots _handshakes = new();

    /// <summary>One start, stop or move at a time.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The socket accepting now; null while the service is stopped.</summary>
    private OpenSocket? _open;

    /// <summary>Ends the connections under way when the service stops (a move leaves them running).</summary>
    private CancellationTokenSource? _sessions;

    public string Name => ServiceNames.Replication;

    public string Title => "Replication";

    /// <summary>Raised for every connection, accepted or refused (the receive side records refusals from it).</summary>
    public event Action<ReplicationConnection>? Connected;

    /// <summary>Raised when a move lost the socket altogether: the service no longer listens anywhere.</summary>
    public event Action<string, string>? Failed;

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_open is not null)
            {
                return;
            }

            var at = settings.Load();
            TcpListener listener;
            try
            {
                listener = Bind(at);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"The replication port {at.Port} cannot be opened{On(at)}: {e.Message}", e);
            }

            _sessions = new CancellationTokenSource();
            _open = Accept(listener, at);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_open is null)
            {
                return;
            }

            await _sessions!.CancelAsync().ConfigureAwait(false);
            await CloseAsync(_open, ct).ConfigureAwait(false);
            _sessions.Dispose();
            _sessions = null;
            _open = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task MoveAsync(ReplicationListenerSettings to, Action moved, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_open is null)
            {
                // Stopped: only check that the service could start there.
                Bind(to, out var refusal)?.Stop();
                ThrowIfRefused(to, refusal, still: null);
                moved();
                return;
            }

            var old = _open;
            if (old.At.Port == to.Port)
            {
                // The same port on another address would collide with the socket open now: close it
                // first, and open it again if the new one cannot be had.
                await CloseAsync(old, ct).ConfigureAwait(false);
                var there = Bind(to, out var refusal);
                if (there is null)
                {
                    var back = Bind(old.At, out var lost);
                    if (back is null)
                    {
                        var reason = $"Replication cannot listen on {to.ListenAddress ?? "all addresses"} port {to.Port} ({refusal!.Message}), nor again where it was ({lost!.Message}); turn the service off and on.";
                        await LoseAsync(reason).ConfigureAwait(false);
                        throw new ConflictException(reason);
                    }

                    _open = Accept(back, old.At);
                    ThrowIfRefused(to, refusal, old.At);
                }

                _open = Accept(there!, to);
                moved();
                return;
            }

            var opened = Bind(to, out var taken);
            ThrowIfRefused(to, taken, old.At);
            _open = Accept(opened!, to);
            await CloseAsync(old, ct).ConfigureAwait(false);
            moved();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The socket is gone and could not be had again: the connections under way end as at a stop (so turning the
    /// service off finds nothing left running), and the service is reported failed with the reason.
    /// </summary>
    private async Task LoseAsync(string reason)
    {
        _open = null;
        if (_sessions is not null)
        {
            await _sessions.CancelAsync().ConfigureAwait(false);
            _sessions.Dispose();
            _sessions = null;
        }

        logger.LogError("Replication listener lost: {Reason}", reason);
        Failed?.Invoke(Name, reason);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>A listening socket at the settings' address (all: IPv6 and IPv4) and port; throws the socket's error.</summary>
    private static TcpListener Bind(ReplicationListenerSettings at)
    {
        var listener = at.ListenAddress is null
            ? new TcpListener(IPAddress.IPv6Any, at.Port) { Server = { DualMode = true } }
            : new TcpListener(IPAddress.Parse(at.ListenAddress), at.Port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Server.Dispose();
            throw;
        }
    }

    private static TcpListener? Bind(ReplicationListenerSettings at, out SocketException? refusal)
    {
        try
        {
            refusal = null;
            return Bind(at);
        }
        catch (SocketException e)
        {
            refusal = e;
            return null;
        }
    }

    private static void ThrowIfRefused(ReplicationListenerSettings to, SocketException? refusal, ReplicationListenerSettings? still)
    {
        if (refusal is null)
        {
            return;
        }

        var reason = refusal.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => "something else on this machine already listens there",
            SocketError.AddressNotAvailable => "that address is not this machine's (any more)",
            SocketError.AccessDenied => "the appliance may not open that port",
            _ => refusal.Message,
        };
        var where = to.ListenAddress is null ? $"port {to.Port}" : $"{to.ListenAddress} port {to.Port}";
        var kept = still is null ? "Nothing was changed." : $"It still listens on port {still.Port}{On(still)}; nothing was changed.";
        throw new ConflictException($"Replication cannot listen on {where}: {reason}. {kept}");
    }

    private static string On(ReplicationListenerSettings at) => at.ListenAddress is null ? "" : $" of {at.ListenAddress}";

    private OpenSocket Accept(TcpListener listener, ReplicationListenerSettings at)
    {
        var accepting = new CancellationTokenSource();
        var open = new OpenSocket(listener, at, accepting, AcceptAsync(listener, accepting.Token, _sessions!.Token));
        logger.LogInformation("Replication listener open on port {Port} ({Address})", at.Port, at.ListenAddress ?? "all addresses");
        return open;
    }

    private async Task CloseAsync(OpenSocket open, CancellationToken ct)
    {
        await open.Accepting.CancelAsync().ConfigureAwait(false);
        open.Listener.Stop();
        try
        {
            await open.Loop.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        open.Accepting.Dispose();
        logger.LogInformation("Replication listener on port {Port} ({Address}) closed", open.At.Port, open.At.ListenAddress ?? "all addresses");
    }

    private sealed record OpenSocket(TcpListener Listener, ReplicationListenerSettings At, CancellationTokenSource Accepting, Task Loop);

    private async Task AcceptAsync(TcpListener listener, CancellationToken accepting, CancellationToken ct)
    {
        while (!accepting.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(accepting).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var address = AddressOf(client);
            if (!_handshakes.TryTake(address))
            {
                using (client)
                {
                    receiver.Refused(
                        address,
                        $"More than {HandshakeSlots.PerAddress} connections from this address, or {HandshakeSlots.Total} in all, were opening at once; this one was closed before its handshake.");
                }

                continue;
            }

            _ = ServeAsync(client, address, ct);
        }
    }

    /// <summary>The address a connection came from, without its port (refusals are counted per address).</summary>
    private static string AddressOf(TcpClient client)
    {
        try
        {
            return client.Client.RemoteEndPoint is IPEndPoint remote
                ? (remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address).ToString()
                : "unknown";
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return "unknown"; // gone already
        }
    }

    private async Task ServeAsync(TcpClient client, string address, CancellationToken ct)
    {
        var slot = true;
        try
        {
            await ServeAsync(client, address, () =>
            {
                _handshakes.Give(address);
                slot = false;
            }, ct).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A connection that fails in an unforeseen way ends alone; the listener goes on.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "A replication connection from {Address} ended unexpectedly", address);
        }
        finally
        {
            if (slot)
            {
                _handshakes.Give(address);
            }
        }
    }

    private async Task ServeAsync(TcpClient client, string address, Action handshakeDone, CancellationToken ct)
    {
        using (client)
        {
            var remote = client.Client.RemoteEndPoint?.ToString() ?? address;
            PairedAppliance? sender = null;
            var socket = new BatchedNetworkStream(client.GetStream());
            await using var tls = new SslStream(socket, leaveInnerStreamOpen: false);
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(ct);
            handshake.CancelAfter(HandshakeTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(
                        new SslServerAuthenticationOptions
                        {
                            ServerCertificate = certificate.Certificate,
                            ClientCertificateRequired = true,
                            EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls13,
                            CipherSuitesPolicy = ReplicationCiphers.Policy,
                            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                            {
                                sender = presented is null ? null : PairedWith(LocalCertificate.FingerprintOf(presented));
                                return sender is not null;
                            },
                        },
                        handshake.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (e is AuthenticationException or IOException or OperationCanceledException)
            {
                logger.LogWarning("Refused a replication connection from {Remote}: it is not a paired appliance ({Reason})", remote, e.Message);
                receiver.Refused(address, "Not a paired appliance: the connection was refused before any data.");
                Connected?.Invoke(new ReplicationConnection(remote, null, "not a paired appliance"));
                return;
            }
            finally
            {
                handshakeDone();
            }

            socket.Batching = true;

            using var scope = logger.BeginScope(new Dictionary<string, object> { ["PeerApplianceId"] = sender!.Id });
            logger.LogInformation("Replication connection from {Hostname} ({PeerApplianceId}) at {Remote} over {Cipher}", sender.Hostname, sender.Id, remote, tls.NegotiatedCipherSuite);
            Connected?.Invoke(new ReplicationConnection(remote, sender, null));
            try
            {
                await ReceiverSession.RunAsync(tls, sender, receiver, logger, TimeSpan.FromSeconds(options.Value.ReplicationIdleSeconds), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or OperationCanceledException or System.Text.Json.JsonException)
            {
                logger.LogWarning("Replication connection from {Hostname} ended: {Reason}", sender.Hostname, e.Message);
            }
        }
    }

    /// <summary>
    /// The one paired appliance pinned to this certificate; none when two are (pairing and re-pinning refuse
    /// that, but a sender is never taken for either of two appliances sharing a certificate).
    /// </summary>
    private PairedAppliance? PairedWith(string fingerprint)
    {
        var matching = appliances.List().Where(a => a.State == PairingState.Paired && a.CertificateFingerprint == fingerprint).Take(2).ToList();
        return matching.Count == 1 ? matching[0] : null;
    }
}
