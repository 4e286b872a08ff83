namespace Rockstor.Domain.Shares;

public sealed record ShareView(Share Share, string Path, long UsedBytes);
