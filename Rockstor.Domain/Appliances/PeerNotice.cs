namespace Rockstor.Domain.Appliances;

/// <summary>A paired appliance told of a change, or not: <see cref="Problem"/> says why it could not be told.</summary>
public sealed record PeerNotice(string Id, string Hostname, string? Problem)
{
    public bool Told => Problem is null;
}
