using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Sftp;

/// <summary>How one share is offered over SFTP: to the users named, each locked into a folder of the shares offered to them.</summary>
public sealed record SftpExport : IShareExport
{
    public required string Share { get; init; }

    /// <summary>When the exported share was made (see <see cref="IShareExport.ShareCreatedAt"/>).</summary>
    public DateTimeOffset ShareCreatedAt { get; init; }

    public bool Enabled { get; init; }

    /// <summary>The users who may log in and reach it; an enabled export names at least one.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];
}
