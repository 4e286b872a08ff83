using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Nfs;

/// <summary>How one share is offered over NFS: to the clients listed, each with its own access.</summary>
public sealed record NfsExport : IShareExport
{
    public required string Share { get; init; }

    /// <summary>When the exported share was made: an export belongs to that share only (see <see cref="IShareExport.ShareCreatedAt"/>).</summary>
    public DateTimeOffset ShareCreatedAt { get; init; }

    /// <summary>The export's number in the NFS server, never given to another share, so clients' handles stay valid across reloads.</summary>
    public int ExportId { get; init; }

    public bool Enabled { get; init; }

    public IReadOnlyList<NfsClient> Clients { get; init; } = [];
}
