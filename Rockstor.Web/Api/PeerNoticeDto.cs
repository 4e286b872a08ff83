using Rockstor.Domain.Appliances;

namespace Rockstor.Web.Api;

/// <summary>A paired appliance told of a change (<c>told</c>), or why it could not be (<c>problem</c>).</summary>
public sealed record PeerNoticeDto(string Id, string Hostname, bool Told, string? Problem)
{
    public static PeerNoticeDto From(PeerNotice notice) => new(notice.Id, notice.Hostname, notice.Told, notice.Problem);
}
