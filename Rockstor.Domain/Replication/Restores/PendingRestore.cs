namespace Rockstor.Domain.Replication.Restores;

/// <summary>
/// A restore the admin of this appliance asked a paired appliance for: that appliance sends one snapshot
/// of this appliance's share back, which becomes a new share here or (confirmed) the share rolled back to
/// it. It is the consent the receiving side checks: a snapshot sent back is taken only against a pending
/// restore, from the appliance it was asked of, for that share and snapshot, once, before it expires.
/// What the snapshot becomes is decided here; the sender only presents the restore's code.
/// </summary>
public sealed class PendingRestore
{
    /// <summary>How long a restore waits for the other appliance to start sending.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public int Id { get; set; }

    /// <summary>The paired appliance asked to send the snapshot back.</summary>
    public required string ApplianceId { get; init; }

    /// <summary>This appliance's share the snapshot is of (its replica there is "&lt;this id&gt;_&lt;share&gt;").</summary>
    public required string SourceShare { get; init; }

    public required string Snapshot { get; init; }

    /// <summary>The new share's name, or null for a rollback of <see cref="SourceShare"/>.</summary>
    public string? NewShare { get; init; }

    /// <summary>The new share's pool.</summary>
    public string? TargetPool { get; init; }

    /// <summary>Files or folders of the snapshot to put back into <see cref="SourceShare"/> (null: the whole snapshot).</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>Where restored paths go: "beside" the current ones, or in their place ("replace").</summary>
    public string? PathsMode { get; init; }

    /// <summary>Chosen files or folders go back into the share, which is otherwise left as it is.</summary>
    public bool RestoresPaths => Paths is { Count: > 0 };

    public bool Rollback => NewShare is null && !RestoresPaths;

    /// <summary>SHA-256 (hex) of the one-time code given to the other appliance; the code itself is not kept.</summary>
    public required string CodeHash { get; init; }

    public required DateTimeOffset AskedAt { get; init; }

    public DateTimeOffset ExpiresAt => AskedAt + Lifetime;

    /// <summary>When the other appliance's offer was taken: a restore is used once.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public RestoreState State { get; set; } = RestoreState.Asked;

    /// <summary>Why it failed, or what it became.</summary>
    public string? Outcome { get; set; }
}
