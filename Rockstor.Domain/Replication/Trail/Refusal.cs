namespace Rockstor.Domain.Replication.Trail;

/// <summary>
/// A connection or request this appliance refused (an unpaired sender, a missing pool, a stream that tried
/// to write outside its subvolume). <see cref="From"/> is the address it came from; the same refusal
/// repeated is one record: <see cref="Count"/> times from <see cref="FirstAt"/> to <see cref="At"/>.
/// </summary>
public sealed record Refusal(DateTimeOffset At, string From, string? SenderApplianceId, string Reason, int Count = 1, DateTimeOffset? FirstAt = null);
