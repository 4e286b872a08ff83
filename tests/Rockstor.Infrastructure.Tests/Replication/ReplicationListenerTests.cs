using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Appliances;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Infrastructure.Replication;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>The replication listener on a real socket with real TLS: only a paired appliance's certificate gets in.</summary>
public sealed class ReplicationListenerTests : IAsyncLifetime
{
    private readonly int _port = ApplianceProcess.FreePort();
    private readonly Sandbox _sandbox = new();
    private ServiceProvider _services = default!;
    private ReplicationListener _listener = default!;

    public async Task InitializeAsync()
    {
        var collection = new ServiceCollection();
        StorageHost.AddSandboxedInfrastructure(collection, _sandbox, new Dictionary<string, string?> { ["Rockstor:ReplicationPort"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _services = collection.BuildServiceProvider();
        _listener = _services.GetRequiredService<ReplicationListener>();
        await _listener.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        HangfireGlobals.Forget(); // a container that resolved a scheduler made its logger Hangfire's
        _sandbox.Dispose();
    }

    [Fact(Timeout = 60_000)]
    public async Task An_appliance_that_is_not_paired_is_refused_in_the_tls_handshake()
    {
        using var stranger = Certificate("stranger");

        var connection = await ConnectionAsync(stranger);

        Assert.Null(connection.Sender);
        Assert.Equal("not a paired appliance", connection.Refusal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_paired_appliance_completes_the_handshake_and_sees_the_pinned_server_certificate()
    {
        using var peer = Certificate("peer");
        _services.GetRequiredService<IPairedApplianceRepository>().Save(new PairedAppliance
        {
            Id = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b",
            Hostname = "peer",
            Host = "127.0.0.1",
            ManagementPort = 8443,
            ReplicationPort = 10002,
            CertificateFingerprint = LocalCertificate.FingerprintOf(peer),
            OutgoingCredential = "x",
            IncomingCredentialHash = "y",
            PairedAt = DateTimeOffset.UtcNow,
        });

        var connection = await ConnectionAsync(peer);

        Assert.Equal("0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b", connection.Sender?.Id);
        Assert.Null(connection.Refusal);
        Assert.Equal(_services.GetRequiredService<LocalCertificate>().Fingerprint, _served);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_certificate_pinned_for_two_appliances_is_taken_for_neither()
    {
        using var shared = Certificate("shared");
        var appliances = _services.GetRequiredService<IPairedApplianceRepository>();
        foreach (var (id, hostname) in new[] { ("0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b", "nas-a"), ("123e4567e89b12d3a456426614174000", "nas-b") })
        {
            appliances.Save(new PairedAppliance
            {
                Id = id,
                Hostname = hostname,
                Host = "127.0.0.1",
                ManagementPort = 8443,
                ReplicationPort = 10002,
                CertificateFingerprint = LocalCertificate.FingerprintOf(shared),
                OutgoingCredential = "x",
                IncomingCredentialHash = "y",
                PairedAt = DateTimeOffset.UtcNow,
            });
        }

        var connection = await ConnectionAsync(shared);

        Assert.Null(connection.Sender);
        Assert.Equal("not a paired appliance", connection.Refusal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_client_without_a_certificate_is_refused()
    {
        var connection = await ConnectionAsync(null);

        Assert.Equal("not a paired appliance", connection.Refusal);
    }

    [Fact(Timeout = 60_000)]
    public async Task After_stop_the_port_is_closed()
    {
        await _listener.StopAsync(CancellationToken.None);

        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", _port));
    }

    private string? _served;

    /// <summary>Connects with the client certificate and returns what the listener made of the connection.</summary>
    private async Task<ReplicationConnection> ConnectionAsync(X509Certificate2? clientCertificate)
    {
        var seen = new TaskCompletionSource<ReplicationConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        _listener.Connected += connection => seen.TrySetResult(connection);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", _port);
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            _served = certificate is null ? null : LocalCertificate.FingerprintOf(certificate);
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "",
            ClientCertificates = clientCertificate is null ? null : [clientCertificate],
        });

        // With TLS 1.3 the server judges the client certificate after the client's side of the handshake
        // ends, so the client learns nothing here; the listener's own account is what counts.
        return await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private X509Certificate2 Certificate(string name) => ApplianceCertificate.LoadOrCreate(Path.Combine(_sandbox.Root, name));
}
