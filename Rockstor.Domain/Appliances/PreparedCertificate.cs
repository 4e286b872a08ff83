namespace Rockstor.Domain.Appliances;

/// <summary>An uploaded certificate with its key that passed every check, ready to be put in place (<see cref="ICertificateStore"/>).</summary>
public sealed record PreparedCertificate(string Fingerprint, string Subject, DateTimeOffset ExpiresAt, ReadOnlyMemory<byte> Pkcs12);
