using Rockstor.Domain.Retention;

namespace Rockstor.Web.Api;

/// <summary>
/// This appliance's say over one incoming replica; what is absent stays. <see cref="FollowSender"/>
/// accepts the sender's latest proposal (and drops the replica's own policy); <see cref="DefaultProtection"/>
/// goes back to the appliance's default period.
/// </summary>
public sealed record ReceiveSettingsBody(RetentionPolicy? Retention, bool? FollowSender, int? ProtectionDays, bool? DefaultProtection);
