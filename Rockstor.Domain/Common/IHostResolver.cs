using System.Net;

namespace Rockstor.Domain.Common;

/// <summary>Looks a host name up in DNS (an address literal is its own answer).</summary>
public interface IHostResolver
{
    /// <summary>The host's addresses; none when the name is not known (or DNS does not answer).</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct);
}
