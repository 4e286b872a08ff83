using Rockstor.Domain.Shares;

namespace Rockstor.Web.Api;

/// <summary>A share with its folder's owner, group and mode, its size limit (0: none) and compression.</summary>
public sealed record ShareDto(
    string Name,
    string Pool,
    string Path,
    long UsedBytes,
    string Kind,
    string Owner,
    string Group,
    string Mode,
    long SizeLimitBytes,
    string Compression)
{
    public static ShareDto From(ShareView view) => new(
        view.Share.Name,
        view.Share.Pool,
        view.Path,
        view.UsedBytes,
        view.Share.Kind.ToString().ToLowerInvariant(),
        view.Share.Owner,
        view.Share.Group,
        view.Share.Mode,
        view.Share.SizeLimitBytes,
        view.Share.Compression.ToString().ToLowerInvariant());
}
