using Rockstor.Domain.Alerts;

namespace Rockstor.Web.Components.Alerts;

/// <summary>How an alert is named on screen, and the page that tells more about what it is about.</summary>
public static class AlertWords
{
    public static string Label(AlertKind kind) => kind switch
    {
        AlertKind.RunFailed => "run failed",
        AlertKind.Stale => "stale",
        AlertKind.ScrubErrors => "scrub errors",
        AlertKind.DeviceErrors => "disk errors",
        AlertKind.Capacity => "filling up",
        AlertKind.Degraded => "degraded",
        AlertKind.Smart => "disk health",
        AlertKind.ServiceStopped => "service stopped",
        AlertKind.Certificate => "certificate",
        AlertKind.Update => "update",
        _ => kind.ToString(),
    };

    public static string Link(Alert alert) => alert switch
    {
        { Pool: { } pool } => $"/storage/pools/{Uri.EscapeDataString(pool)}",
        { Kind: AlertKind.Smart } => "/storage/disks",
        { Kind: AlertKind.ServiceStopped } => "/system/services",
        { Kind: AlertKind.Update } => "/system/updates",
        { Kind: AlertKind.Certificate, About: { } about } when about.StartsWith("certificate:", StringComparison.Ordinal) => "/appliances", // a peer's new certificate, confirmed there
        { About: not null } => "/system",
        _ => $"/storage/replication/send/{alert.TaskId}",
    };
}
