namespace Rockstor.Domain.Replication.Promotion;

/// <summary>
/// An incoming replica made live on this appliance: the writable <see cref="Share"/> made from its
/// received <see cref="Snapshot"/> <see cref="At"/> that time. From then on it takes no runs from its source.
/// </summary>
public sealed record ReplicaPromotion(string Share, string Snapshot, DateTimeOffset At)
{
    /// <summary>When, as the sentences that name a promotion say it.</summary>
    public string When => At.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
}
