using Rockstor.Domain.Retention;

namespace Rockstor.Web.Api;

/// <summary>This appliance's say over one incoming replica: null retention follows the sender's proposal, null protection the appliance's default.</summary>
public sealed record ReceiveSettingsBody(RetentionPolicy? Retention, int? ProtectionDays);
