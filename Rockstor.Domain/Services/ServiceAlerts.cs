using Rockstor.Domain.Alerts;

namespace Rockstor.Domain.Services;

/// <summary>
/// A service the admin turned on that stopped by itself (its server ended, or could not start) raises an
/// alert; it is resolved once the service runs again or the admin turns it off.
/// </summary>
public sealed class ServiceAlerts(AlertService alerts)
{
    public static string KeyOf(string service) => $"service:{service}";

    public Task StatusChangedAsync(ServiceStatus status, CancellationToken ct)
    {
        var key = KeyOf(status.Name);
        if (status is { Enabled: true, State: ServiceState.Failed })
        {
            return alerts.RaiseAboutAsync(
                AlertKind.ServiceStopped,
                key,
                $"service {status.Title}",
                $"{status.Title} is on but not running: {status.Error ?? "it stopped by itself."} Until it runs again, what it serves is out of reach. "
                + "Turn it off and on again on the Services screen to start it anew; if it stops again, the appliance's log says why.",
                ct);
        }

        return alerts.OpenAbout(AlertKind.ServiceStopped, key) is not null && (status.State == ServiceState.Running || !status.Enabled)
            ? alerts.ResolveAboutAsync(AlertKind.ServiceStopped, key, ct)
            : Task.CompletedTask;
    }
}
