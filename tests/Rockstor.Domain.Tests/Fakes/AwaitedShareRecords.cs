using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The shares a configuration import brought, in memory, until their pool is imported.</summary>
public sealed class AwaitedShareRecords : IAwaitedShares
{
    private readonly Dictionary<string, Share> _shares = new(StringComparer.Ordinal);

    public void Await(Share share) => _shares[share.Name] = share;

    public Share? Find(string name, string uuid) =>
        _shares.TryGetValue(name, out var share) && string.Equals(share.Uuid, uuid, StringComparison.OrdinalIgnoreCase) ? share : null;

    public bool Awaits(string name) => _shares.ContainsKey(name);

    public void Forget(string name) => _shares.Remove(name);
}
