using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Rockstor.Infrastructure.Certificates;

namespace Rockstor.Testing;

/// <summary>
/// An HTTPS server of the test's own, with a self-signed certificate of its own, that answers what an
/// appliance answers when another pairs with it (POST /api/pairing: its card, with a credential the test
/// knows) and calls it once paired (hello, forget). It keeps every request it receives, so a test can show
/// what an appliance sent to whatever certificate answered, and what it did not send.
/// </summary>
public sealed class PairingSink : IAsyncDisposable
{
    public const string Id = "5e1f0a2b3c4d4e5f8a9b0c1d2e3f4a5b";
    public const string Hostname = "sink";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _requests = new();
    private int _handshakes;

    private PairingSink(string address)
    {
        Address = address;
        using var certificate = MakeCertificate();
        var served = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), password: null, X509KeyStorageFlags.EphemeralKeySet);
        Fingerprint = LocalCertificate.FingerprintOf(served);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(address), 0, listen => listen.UseHttps(served, https =>
            https.OnAuthenticate = (_, _) => Interlocked.Increment(ref _handshakes))));
        _app = builder.Build();
        _app.Use(async (http, next) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            _requests.Enqueue(new Request(http.Request.Method, http.Request.Path, http.Request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
            await next(http);
        });
        _app.MapPost("/api/pairing", () => Results.Json(new
        {
            id = Id,
            hostname = Hostname,
            managementPort = Port,
            replicationPort = 10002,
            certificateFingerprint = Fingerprint,
            credential = Credential,
        }));
        _app.MapGet("/api/peer/hello", () => Results.Json(new { id = Id, hostname = Hostname }));
        _app.MapDelete("/api/peer/appliances/{id}", () => Results.NoContent());
    }

    public string Address { get; }

    public int Port { get; private set; }

    /// <summary>SHA-256 of its certificate, as appliances pin it (upper-case hex).</summary>
    public string Fingerprint { get; }

    /// <summary>The credential its card gives the appliance that pairs with it: what that appliance then presents to it.</summary>
    public string Credential { get; } = "sink-credential-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Every request received, in order (HTTP requests: a TLS handshake alone sends none).</summary>
    public IReadOnlyList<Request> Requests => _requests.ToList();

    /// <summary>TLS handshakes begun with it: a probe of its certificate counts here and nowhere else.</summary>
    public int Handshakes => Volatile.Read(ref _handshakes);

    /// <summary>Starts a sink listening on the address (a test network's gateway, or 127.0.0.1).</summary>
    public static async Task<PairingSink> StartAsync(string address)
    {
        var sink = new PairingSink(address);
        await sink._app.StartAsync();
        sink.Port = new Uri(sink._app.Urls.Single()).Port;
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 MakeCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=rockstor-test-pairing-sink", key, HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    /// <summary>One request as it arrived: what an appliance sent.</summary>
    public sealed record Request(string Method, string Path, string Authorization, string Body);
}
