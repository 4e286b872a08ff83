using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Services;
using Rockstor.Infrastructure.Certificates;

namespace Rockstor.Infrastructure.Replication;
/// <summary>
/// The replication listener: the Replication service. It listens on the replication port only while the
/// service is on. Every connection is TLS with both certificates checked: the appliance's own serves,
/// and the sender must present the certificate pinned for a paired appliance, or the handshake fails
/// before a byte of data is read.
/// </summary>
public sealed class ReplicationListener(
    IOptions<RockstorOptions> options,
    LocalCertificate certificate,
    IPairedApplianceRepository appliances,
    IReplicationReceiver receiver,
    ILogger<ReplicationListener> logger) : IManagedService, IAsyncDisposable
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);

    /// <summary>TLS handshakes under way at once, in all and per address; a connection beyond is closed at once (and its refusal counted).</summary>
    private readonly HandshakeSlots _handshakes = new();

    private TcpListener? _listener;
    private CancellationTokenSource? _stopping;
    private Task? _acceptLoop;

    public string Name => ServiceNames.Replication;

    public string Title => "Replication";

    public int Port => options.Value.ReplicationPort;

    /// <summary>Raised for every connection, accepted or refused (the receive side records refusals from it).</summary>
    public event Action<ReplicationConnection>? Connected;

    public Task StartAsync(CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.IPv6Any, Port);
        listener.Server.DualMode = true;
        try
        {
            listener.Start();
        }
        catch (SocketException e)
        {
            listener.Server.Dispose();
            throw new InvalidOperationException($"The replication port {Port} cannot be opened: {e.Message}", e);
        }

        _listener = listener;
        _stopping = new CancellationTokenSource();
        _acceptLoop = AcceptAsync(listener, _stopping.Token);
        logger.LogInformation("Replication listener open on port {Port}", Port);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (_listener is null)
        {
            return;
        }

        await _stopping!.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        try
        {
            await _acceptLoop!.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        _listener = null;
        logger.LogInformation("Replication listener on port {Port} closed", Port);
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct).ConfigureAwait(false);
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

    private PairedAppliance? PairedWith(string fingerprint) =>
        appliances.List().FirstOrDefault(a => a.State == PairingState.Paired && a.CertificateFingerprint == fingerprint);
}
