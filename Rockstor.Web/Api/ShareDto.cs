using Rockstor.Domain.Shares;

namespace Rockstor.Web.Api;

public sealed record ShareDto(string Name, string Pool, string Path, long UsedBytes)
{
    public static ShareDto From(ShareView view) => new(view.Share.Name, view.Share.Pool, view.Path, view.UsedBytes);
}
