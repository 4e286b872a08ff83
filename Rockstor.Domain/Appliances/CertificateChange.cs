namespace Rockstor.Domain.Appliances;

/// <summary>The certificate now in use, and the paired appliances told of it (each, or why not).</summary>
public sealed record CertificateChange(string Fingerprint, DateTimeOffset ExpiresAt, IReadOnlyList<PeerNotice> Peers);
