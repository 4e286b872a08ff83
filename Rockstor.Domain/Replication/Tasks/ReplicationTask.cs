using Rockstor.Domain.Retention;

namespace Rockstor.Domain.Replication.Tasks;

/// <summary>A share replicated to another appliance on a schedule.</summary>
public sealed class ReplicationTask
{
    public int Id { get; set; }

    public required string Share { get; set; }

    public required string TargetApplianceId { get; set; }

    public required string TargetPool { get; set; }

    /// <summary>Every N minutes; null when <see cref="Cron"/> is used.</summary>
    public int? FrequencyMinutes { get; set; }

    public string? Cron { get; set; }

    /// <summary>The destination's replication port (what it announced at pairing unless changed, e.g. for NAT).</summary>
    public required int Port { get; set; }

    /// <summary>Which of the task's snapshots this side keeps (the newest, which both sides hold, always stays).</summary>
    public required RetentionPolicy Retention { get; set; }

    /// <summary>
    /// The policy proposed to the destination; null proposes <see cref="Retention"/>. The destination's admin
    /// may override it there, and protection there keeps snapshots whatever the proposal says.
    /// </summary>
    public RetentionPolicy? DestinationRetention { get; set; }

    public required bool Enabled { get; set; }

    /// <summary>Whether the stream is compressed on the wire (zstd).</summary>
    public CompressionMode Compression { get; set; } = CompressionMode.Off;

    /// <summary>The most this task sends per second, in MB (10^6 bytes); null for no limit.</summary>
    public double? BandwidthLimitMBps { get; set; }

    /// <summary>
    /// Always send resumably: the destination keeps what arrived, and a cut transfer goes on from there
    /// (ADR-013). Without it the appliance still chooses so when the link is slow.
    /// </summary>
    public bool Resumable { get; set; }

    /// <summary>The hours when scheduled runs may go (null: any hour).</summary>
    public ReplicationWindow? Window { get; set; }

    /// <summary>
    /// The destination holds snapshots of the replica, but none that this task still has: no incremental
    /// send can build on them, and runs refuse until the admin asks for a re-seed. Cleared by a success.
    /// </summary>
    public bool Diverged { get; set; }

    /// <summary>The admin asked for a full send that starts a new chain on the destination (once, until it succeeds).</summary>
    public bool ReseedRequested { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
}
