namespace Rockstor.Domain.Appliances;

public sealed record PeerCheck(bool Ok, string Message);
