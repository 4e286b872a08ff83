namespace Rockstor.Web.Api;

/// <summary>
/// PUT /api/appliance/certificate as JSON: the certificate and its private key as PEM, and <c>confirm</c> once the
/// admin saw the new fingerprint and the paired appliances that must pin it (without it the answer is 409 naming them).
/// The same fields come as a multipart form: files <c>certificate</c> and <c>key</c>, field <c>confirm</c>.
/// </summary>
public sealed record CertificateBody(string? CertificatePem, string? KeyPem, bool Confirm = false);
