using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Common;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Certificates;

/// <summary>The admin's own certificate, checked on certificates made for each case, and put in place of the appliance's.</summary>
public sealed class CertificateStoreTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly LocalCertificate _local;
    private readonly CertificateStore _store;

    public CertificateStoreTests()
    {
        _local = new LocalCertificate(ApplianceCertificate.LoadOrCreate(_sandbox.DataDirectory));
        _store = new CertificateStore(
            Options.Create(new RockstorOptions { DataDirectory = _sandbox.DataDirectory }),
            _local,
            TimeProvider.System,
            NullLogger<CertificateStore>.Instance);
    }

    public void Dispose() => _sandbox.Dispose();

    private string Pfx => Path.Combine(_sandbox.DataDirectory, "tls", ApplianceCertificate.FileName);

    [Fact]
    public void A_key_of_another_certificate_is_refused()
    {
        var certificate = TestCertificates.Pem();
        var other = TestCertificates.Pem();

        var refusal = Assert.Throws<ValidationException>(() => _store.Prepare(certificate.CertificatePem, other.KeyPem));

        Assert.StartsWith("The private key is not the certificate's", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_certificate_is_refused()
    {
        var expired = TestCertificates.Pem(from: DateTimeOffset.UtcNow.AddYears(-2), until: DateTimeOffset.UtcNow.AddDays(-1));

        var refusal = Assert.Throws<ValidationException>(() => _store.Prepare(expired.CertificatePem, expired.KeyPem));

        Assert.StartsWith("The certificate expired on", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_valid_only_from_tomorrow_is_refused()
    {
        var early = TestCertificates.Pem(from: DateTimeOffset.UtcNow.AddDays(1), until: DateTimeOffset.UtcNow.AddYears(1));

        var refusal = Assert.Throws<ValidationException>(() => _store.Prepare(early.CertificatePem, early.KeyPem));

        Assert.StartsWith("The certificate is not valid before", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_1024_bit_rsa_key_is_refused_as_too_weak()
    {
        var weak = TestCertificates.Pem(rsaBits: 1024);

        var refusal = Assert.Throws<ValidationException>(() => _store.Prepare(weak.CertificatePem, weak.KeyPem));

        Assert.Equal("The certificate's RSA key has 1024 bits; use one of at least 2048 bits.", refusal.Message);
    }

    [Fact]
    public void A_certificate_whose_key_usage_allows_only_clients_is_refused()
    {
        var client = TestCertificates.Pem(usages: TestCertificates.ClientAuthentication);

        var refusal = Assert.Throws<ValidationException>(() => _store.Prepare(client.CertificatePem, client.KeyPem));

        Assert.StartsWith("The certificate may not be used by a server", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_a_certificate_is_refused()
    {
        var good = TestCertificates.Pem();

        Assert.StartsWith("The certificate could not be read", Assert.Throws<ValidationException>(() => _store.Prepare("hello", good.KeyPem)).Message, StringComparison.Ordinal);
        Assert.StartsWith("The private key could not be read", Assert.Throws<ValidationException>(() => _store.Prepare(good.CertificatePem, "hello")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2048, TestCertificates.ServerAuthentication)]
    [InlineData(0, null)]
    public void A_good_certificate_is_stored_as_the_appliance_pfx_and_served_from_then_on(int rsaBits, string? usage)
    {
        var good = TestCertificates.Pem(rsaBits: rsaBits, usages: usage is null ? [] : [usage]);
        var before = _local.Fingerprint;

        var prepared = _store.Prepare(good.CertificatePem, good.KeyPem);
        Assert.Equal(before, _local.Fingerprint);
        _store.Install(prepared);

        Assert.Equal((good.Fingerprint, good.Fingerprint), (prepared.Fingerprint, _local.Fingerprint));
        Assert.True(_local.Certificate.HasPrivateKey);
        using var stored = X509CertificateLoader.LoadPkcs12FromFile(Pfx, password: null);
        Assert.Equal(good.Fingerprint, LocalCertificate.FingerprintOf(stored));
        Assert.True(stored.HasPrivateKey);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Pfx));
        Assert.Equal(good.Fingerprint, new LocalCertificate(ApplianceCertificate.LoadOrCreate(_sandbox.DataDirectory)).Fingerprint);
    }
}
