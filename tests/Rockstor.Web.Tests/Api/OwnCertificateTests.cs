using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// The admin's own certificate uploaded to a real appliance, served on HTTPS without a restart. The tests
/// share the appliance; each compares with the certificate it finds served when it starts, whichever that is.
/// </summary>
public sealed class OwnCertificateTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private readonly ApplianceProcess _appliance = fixture.Appliance;
    private readonly HttpClient _admin = fixture.Admin;

    [Fact(Timeout = 120_000)]
    public async Task An_uploaded_certificate_is_served_on_https_at_once_without_a_restart()
    {
        var pid = _appliance.ProcessId;
        var old = await FingerprintAsync();
        var mine = TestCertificates.Pem(usages: TestCertificates.ServerAuthentication);

        // Unconfirmed: the answer names the new fingerprint (no appliance is paired) and nothing changes.
        using (var unconfirmed = await _admin.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = mine.CertificatePem, keyPem = mine.KeyPem }))
        {
            Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
            var problem = await unconfirmed.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(mine.Fingerprint, problem.GetProperty("fingerprint").GetString());
            Assert.Empty(problem.GetProperty("peers").EnumerateArray());
            Assert.Equal(old, await PresentedAsync());
        }

        // Confirmed, as a script sends two files.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes(mine.CertificatePem)), "certificate", "nas.crt" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(mine.KeyPem)), "key", "nas.key" },
            { new StringContent("true"), "confirm" },
        };
        using var response = await _admin.PutAsync(new Uri("/api/appliance/certificate", UriKind.Relative), form);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal(mine.Fingerprint, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("certificateFingerprint").GetString());
        Assert.Equal(mine.Fingerprint, await PresentedAsync());
        Assert.Equal(mine.Fingerprint, await FingerprintAsync());
        Assert.Equal(pid, _appliance.ProcessId);
        using var stored = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(_appliance.Sandbox.DataDirectory, "tls", "appliance.pfx"), null);
        Assert.Equal(mine.Fingerprint, Convert.ToHexString(SHA256.HashData(stored.RawData)));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_bad_certificate_is_refused_with_its_reason_and_nothing_changes()
    {
        var old = await FingerprintAsync();
        var weak = TestCertificates.Pem(rsaBits: 1024);

        using var response = await _admin.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = weak.CertificatePem, keyPem = weak.KeyPem, confirm = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "The certificate's RSA key has 1024 bits; use one of at least 2048 bits.",
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(old, await PresentedAsync());
        Assert.Equal(old, await FingerprintAsync());
    }

    [Fact(Timeout = 120_000)]
    public async Task An_upload_larger_than_a_certificate_and_its_key_is_refused_as_too_large_and_nothing_changes()
    {
        var old = await FingerprintAsync();
        var mine = TestCertificates.Pem(usages: TestCertificates.ServerAuthentication);
        var padding = new string('A', 512 * 1024);

        using (var json = await _admin.PutAsJsonAsync("/api/appliance/certificate", new { certificatePem = mine.CertificatePem + padding, keyPem = mine.KeyPem, confirm = true }))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, json.StatusCode);
        }

        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.ASCII.GetBytes(mine.CertificatePem + padding)), "certificate", "nas.crt" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes(mine.KeyPem)), "key", "nas.key" },
            { new StringContent("true"), "confirm" },
        };
        using (var multipart = await _admin.PutAsync(new Uri("/api/appliance/certificate", UriKind.Relative), form))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, multipart.StatusCode);
        }

        Assert.Equal(old, await PresentedAsync());
        Assert.Equal(old, await FingerprintAsync());
    }

    private async Task<string> FingerprintAsync() =>
        (await _admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString()!;

    /// <summary>The fingerprint of the certificate the management port presents to a new TLS connection.</summary>
    private async Task<string?> PresentedAsync()
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(_appliance.Address, _appliance.Port, timeout.Token);
        string? presented = null;
        await using var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, _) =>
        {
            presented = certificate is null ? null : Convert.ToHexString(SHA256.HashData(certificate.GetRawCertData()));
            return true;
        });
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "" }, timeout.Token);
        return presented;
    }
}
