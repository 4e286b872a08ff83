using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Smb;

/// <summary>How one share is offered over SMB.</summary>
public sealed record SmbExport : IShareExport
{
    public required string Share { get; init; }

    /// <summary>When the exported share was made (see <see cref="IShareExport.ShareCreatedAt"/>).</summary>
    public DateTimeOffset ShareCreatedAt { get; init; }

    public bool Enabled { get; init; }

    /// <summary>Listed when a client browses the appliance; an unlisted share is still reachable by name.</summary>
    public bool Browsable { get; init; } = true;

    public bool ReadOnly { get; init; }

    /// <summary>Open without a password (as the guest account), read-only unless <see cref="ReadOnly"/> is off.</summary>
    public bool Guest { get; init; }

    /// <summary>The users who may use it; with <see cref="Groups"/> empty too, every user of the appliance may.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>The share's snapshots offered as Windows "Previous Versions".</summary>
    public bool PreviousVersions { get; init; } = true;

    /// <summary>Offered to macOS as a Time Machine destination.</summary>
    public bool TimeMachine { get; init; }
}
