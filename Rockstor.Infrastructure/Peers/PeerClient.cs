using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Infrastructure.Certificates;

namespace Rockstor.Infrastructure.Peers;

/// <summary>
/// Calls another appliance's management API over HTTPS. Every call but the first probe checks that the
/// certificate presented is the pinned one; a different certificate ends the call before anything is sent.
/// </summary>
public sealed partial class PeerClient(ILogger<PeerClient> logger) : IPeerClient
{
    public const string Scheme = "RockstorPeer";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public async Task<string> ProbeFingerprintAsync(string host, int port, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, port, timeout.Token).ConfigureAwait(false);
            string? fingerprint = null;
            await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
            {
                fingerprint = certificate is null ? null : LocalCertificate.FingerprintOf(certificate);
                return certificate is not null;
            });
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = TargetHost(host) }, timeout.Token).ConfigureAwait(false);
            return fingerprint ?? throw new PeerUnreachableException($"{Where(host, port)} presented no certificate.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PeerUnreachableException($"Could not reach {Where(host, port)}: no answer within {ConnectTimeout.TotalSeconds:0} s.");
        }
        catch (SocketException e)
        {
            throw new PeerUnreachableException($"Could not reach {Where(host, port)}: {e.Message}.", e);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            throw new PeerUnreachableException($"{Where(host, port)} does not speak HTTPS like a Rockstor appliance: {e.Message}", e);
        }
    }

    public async Task<ApplianceCard> PairAsync(string host, int port, string pinnedFingerprint, PairingOffer offer, CancellationToken ct)
    {
        using var client = Create(host, port, pinnedFingerprint);
        var response = await SendAsync(host, port, () => client.PostAsJsonAsync("/api/pairing", offer, ct)).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return await response.Content.ReadFromJsonAsync<ApplianceCard>(ct).ConfigureAwait(false)
                ?? throw new PeerRefusedException($"{Where(host, port)} answered the pairing request with nothing.");
        }

        var detail = await DetailAsync(response, ct).ConfigureAwait(false);
        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new PeerRefusedException($"{Where(host, port)} refused the admin username or password.", credentialsRejected: true),
            HttpStatusCode.TooManyRequests => new PeerRefusedException($"{Where(host, port)} refused: too many pairing attempts; wait a minute and try again."),
            HttpStatusCode.NotFound => new PeerRefusedException($"{Where(host, port)} is not a Rockstor appliance (it has no pairing endpoint)."),
            _ => new PeerRefusedException($"{Where(host, port)} refused the pairing: {Echo.Of(detail, Echo.MaxSentenceLength)}"),
        };
    }

    public async Task ForgetAsync(PairedAppliance peer, string ownId, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.DeleteAsync(new Uri($"/api/peer/appliances/{ownId}", UriKind.Relative), ct))
            .ConfigureAwait(false);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new PeerRefusedException($"{peer.Hostname} no longer knows this appliance.");
        }

        if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotFound)
        {
            throw new PeerRefusedException($"{peer.Hostname} refused: {await DetailAsync(response, ct).ConfigureAwait(false)}");
        }
    }

    public async Task HelloAsync(PairedAppliance peer, string ownId, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.GetAsync(new Uri("/api/peer/hello", UriKind.Relative), ct))
            .ConfigureAwait(false);
        await EnsureAnsweredAsync(peer, response, "answered", ct).ConfigureAwait(false);

        logger.LogDebug("{Peer} answers", peer.Hostname);
    }

    public async Task<IReadOnlyList<PeerPool>> ListPoolsAsync(PairedAppliance peer, string ownId, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.GetAsync(new Uri("/api/peer/pools", UriKind.Relative), ct))
            .ConfigureAwait(false);
        await EnsureAnsweredAsync(peer, response, "answered", ct).ConfigureAwait(false);

        return await response.Content.ReadFromJsonAsync<List<PeerPool>>(ct).ConfigureAwait(false) ?? [];
    }

    public async Task AnnounceReplicationPortAsync(PairedAppliance peer, string ownId, int port, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.PutAsJsonAsync("/api/peer/replication-port", new { port }, ct))
            .ConfigureAwait(false);
        await EnsureAnsweredAsync(peer, response, "refused the new replication port", ct).ConfigureAwait(false);
    }

    public async Task AnnounceCertificateAsync(PairedAppliance peer, string ownId, string fingerprint, CancellationToken ct)
    {
        using var client = Create(peer, ownId);
        var response = await SendAsync(peer.Host, peer.ManagementPort, () => client.PostAsJsonAsync("/api/peer/certificate", new { fingerprint }, ct))
            .ConfigureAwait(false);
        await EnsureAnsweredAsync(peer, response, "refused the new certificate's announcement", ct).ConfigureAwait(false);
    }

    /// <summary>A client for one call that accepts only the pinned certificate and, for peer calls, sends our credential.</summary>
    private static HttpClient Create(PairedAppliance peer, string? ownId)
    {
        var client = Create(peer.Host, peer.ManagementPort, peer.CertificateFingerprint);
        if (ownId is not null)
        {
            client.DefaultRequestHeaders.Authorization = new(Scheme, $"{ownId}:{peer.OutgoingCredential}");
        }

        return client;
    }

    private static HttpClient Create(string host, int port, string pinnedFingerprint)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = ConnectTimeout,
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = TargetHost(host),
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && LocalCertificate.FingerprintOf(certificate) == pinnedFingerprint,
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://{UriHost(host)}:{port}/"), Timeout = CallTimeout };
    }

    private static async Task<HttpResponseMessage> SendAsync(string host, int port, Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException)
        {
            throw new CertificateMismatchException(
                $"{Where(host, port)} presented a different certificate from the one pinned when it was paired. " +
                "If it was rebuilt, remove it and pair again.");
        }
        catch (HttpRequestException e)
        {
            throw new PeerUnreachableException($"Could not reach {Where(host, port)}: {e.Message}", e);
        }
        catch (TaskCanceledException e)
        {
            throw new PeerUnreachableException($"Could not reach {Where(host, port)}: no answer in time.", e);
        }
    }

    /// <summary>Throws when a paired appliance refused a call: it no longer knows this one, or it says why (after <paramref name="failure"/>).</summary>
    private static async Task EnsureAnsweredAsync(PairedAppliance peer, HttpResponseMessage response, string failure, CancellationToken ct)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new PeerRefusedException($"{peer.Hostname} answers but no longer knows this appliance; remove it and pair again.");
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new PeerRefusedException($"{peer.Hostname} {failure}: {await DetailAsync(response, ct).ConfigureAwait(false)}");
        }
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ct).ConfigureAwait(false);
            if (problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("detail", out var detail) && detail.GetString() is { } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
        }

        return $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
    }

    /// <summary>The host (as the admin typed it, cut short) and port, for messages.</summary>
    private static string Where(string host, int port) => $"{Echo.Of(host)}:{port}";

    private static string TargetHost(string host) => IPAddress.TryParse(host.Trim('[', ']'), out _) ? "" : host;

    private static string UriHost(string host) =>
        host.Contains(':', StringComparison.Ordinal) && !host.StartsWith('[') ? $"[{host}]" : host;
}
