using Rockstor.Domain.Appliances;

namespace Rockstor.Web.Api;

/// <summary>The certificate in use after a change, and the paired appliances told of it (which must still confirm it there).</summary>
public sealed record CertificateChangeDto(string CertificateFingerprint, DateTimeOffset ExpiresAt, IReadOnlyList<PeerNoticeDto> Peers)
{
    public static CertificateChangeDto From(CertificateChange change) =>
        new(change.Fingerprint, change.ExpiresAt, change.Peers.Select(PeerNoticeDto.From).ToList());
}
