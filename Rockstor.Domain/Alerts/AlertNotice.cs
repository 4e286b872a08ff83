namespace Rockstor.Domain.Alerts;

/// <summary>How a raised or resolved alert is told: as it stands, and which appliance tells it.</summary>
public sealed record AlertNotice(Alert Alert, AlertNoticeKind Kind, string ApplianceId, string ApplianceHostname);
