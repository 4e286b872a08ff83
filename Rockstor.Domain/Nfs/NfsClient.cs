namespace Rockstor.Domain.Nfs;

/// <summary>
/// One entry of an NFS export's client list: a host name, an address or a CIDR range, what it may do,
/// and whose it is on the share: root squashed to nobody (the default), or every user squashed to the
/// share's owner.
/// </summary>
public sealed record NfsClient(string Host, bool ReadOnly, bool RootSquash = true, bool AllSquash = false);
