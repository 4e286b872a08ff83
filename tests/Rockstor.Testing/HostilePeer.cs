using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Infrastructure.Replication;

namespace Rockstor.Testing;

/// <summary>
/// A paired appliance the test drives as an attacker would: it pairs itself with a real appliance through
/// that appliance's own pairing API (with its admin login and a certificate of its own), serves the peer
/// API the appliance calls back (recording every restore it is asked for, code included), and speaks the
/// replication protocol with the appliance's own client code, whatever it chooses to send.
/// </summary>
public sealed class HostilePeer : IAsyncDisposable
{
    private readonly X509Certificate2 _certificate;
    private readonly WebApplication _api;
    private readonly ConcurrentQueue<PeerRestoreRequest> _restores = new();
    private PairedAppliance? _appliance;

    /// <param name="id">An appliance id: lowercase hex digits.</param>
    /// <param name="listenAddress">Where the appliance reaches this peer's API (the test network's gateway).</param>
    public HostilePeer(string id, string listenAddress)
    {
        Id = id;
        _certificate = TestCertificates.SelfSigned("hostile-peer");
        Port = ApplianceProcess.FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Parse(listenAddress), Port, l => l.UseHttps(_certificate)));
        _api = builder.Build();
        _api.MapGet("/api/peer/hello", () => Results.Ok(new { Id, Hostname = "hostile" }));
        _api.MapGet("/api/peer/replicas", () => Results.Ok(Array.Empty<HeldReplica>()));
        _api.MapPost("/api/peer/restores", (PeerRestoreRequest request) =>
        {
            _restores.Enqueue(request);
            return Results.Accepted();
        });
        _api.MapDelete("/api/peer/appliances/{id}", () => Results.NoContent());
    }

    public string Id { get; }

    public int Port { get; }

    public string Fingerprint => LocalCertificate.FingerprintOf(_certificate);

    /// <summary>The appliance this peer paired with, as this peer knows it.</summary>
    public PairedAppliance Appliance => _appliance ?? throw new InvalidOperationException("Pair first.");

    /// <summary>Restores the appliance asked this peer for.</summary>
    public IReadOnlyList<PeerRestoreRequest> RestoreRequests => [.. _restores];

    /// <summary>Pairs with the appliance through its pairing API, as a real appliance does.</summary>
    public async Task PairAsync(ApplianceProcess appliance, string password = "correct-horse")
    {
        await _api.StartAsync();
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler) { BaseAddress = appliance.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var card = new ApplianceCard(Id, $"hostile-{Id[..4]}", Port, 1, Fingerprint, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        using var response = await client.PostAsJsonAsync("/api/pairing", new PairingOffer("admin", password, card));
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Pairing was refused: {(int)response.StatusCode} {body}");
        }

        var theirs = System.Text.Json.JsonSerializer.Deserialize<ApplianceCard>(body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        _appliance = new PairedAppliance
        {
            Id = theirs.Id,
            Hostname = theirs.Hostname,
            Host = appliance.Address,
            ManagementPort = appliance.Port,
            ReplicationPort = theirs.ReplicationPort,
            CertificateFingerprint = theirs.CertificateFingerprint,
            OutgoingCredential = theirs.Credential,
            IncomingCredentialHash = "",
            PairedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Connects to the appliance's replication port with this peer's certificate and says the hello; throws on a Refuse.</summary>
    public Task<IReplicationSession> ConnectAsync(ReplicationHello hello, CancellationToken ct) =>
        new ReplicationClient(new LocalCertificate(_certificate), TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ReplicationClient>.Instance).ConnectAsync(Appliance, Appliance.ReplicationPort, hello, ct);

    /// <summary>Says the hello, offers the snapshot and sends <paramref name="stream"/> as its send stream; returns the verdict.</summary>
    public async Task<ReplicationVerdict> SendAsync(ReplicationHello hello, ReplicationOffer offer, byte[] stream, CancellationToken ct)
    {
        await using var session = await ConnectAsync(hello, ct);
        return await session.SendAsync(
            offer,
            (output, token) => output.WriteAsync(stream, token).AsTask(),
            Task.FromResult((long)stream.Length),
            new SendOptions(),
            new Progress<TransferCount>(),
            ct);
    }

    /// <summary>
    /// Opens the replication connection with this peer's certificate and sends <paramref name="payload"/> as
    /// the body of a Hello frame, as it is; returns the type and body of the frame that answers (or null when
    /// the connection closed without one).
    /// </summary>
    public async Task<(int Type, string Body)?> SendRawHelloAsync(byte[] payload, CancellationToken ct)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(Appliance.Host, Appliance.ReplicationPort, ct);
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(
            new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = "",
                ClientCertificates = [_certificate],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
            ct);
        var frame = new byte[5 + payload.Length];
        frame[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(frame.AsSpan(1), payload.Length);
        payload.CopyTo(frame, 5);
        await tls.WriteAsync(frame, ct);
        var header = new byte[5];
        try
        {
            await tls.ReadExactlyAsync(header, ct);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        var body = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(1))];
        await tls.ReadExactlyAsync(body, ct);
        return (header[0], System.Text.Encoding.UTF8.GetString(body));
    }

    /// <summary>Waits for the appliance to ask this peer for a restore.</summary>
    public Task<PeerRestoreRequest> RestoreRequestedAsync(int count = 1) => Waiting.UntilAsync(
        () => RestoreRequests is var asked && asked.Count >= count
            ? asked[count - 1]
            : throw new TimeoutException($"The appliance asked for {asked.Count} restore(s), not {count}."),
        TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        _certificate.Dispose();
    }
}
