using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Services;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Services;

public sealed class ServiceAlertsTests
{
    private readonly AlertsUnderTest _alerts = new(new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task A_service_that_stops_by_itself_raises_one_alert_resolved_when_it_runs_again()
    {
        var service = new ServiceAlerts(_alerts.Service);

        await service.StatusChangedAsync(new ServiceStatus("samba", "Samba (SMB)", true, ServiceState.Running, null), default);
        await service.StatusChangedAsync(new ServiceStatus("samba", "Samba (SMB)", true, ServiceState.Failed, "smbd ended on its own (killed by signal 9)."), default);
        await service.StatusChangedAsync(new ServiceStatus("samba", "Samba (SMB)", true, ServiceState.Failed, "smbd ended on its own (killed by signal 9)."), default);

        var alert = Assert.Single(_alerts.Open(AlertKind.ServiceStopped));
        Assert.Equal(("service:samba", "service Samba (SMB)"), (alert.About, alert.Subject));
        Assert.StartsWith("Samba (SMB) is on but not running: smbd ended on its own (killed by signal 9). Until it runs again", alert.Message, StringComparison.Ordinal);

        await service.StatusChangedAsync(new ServiceStatus("samba", "Samba (SMB)", true, ServiceState.Running, null), default);

        Assert.Empty(_alerts.Open(AlertKind.ServiceStopped));
        Assert.Equal([AlertNoticeKind.Raised, AlertNoticeKind.Resolved], _alerts.Told().Select(t => t.Kind));
    }

    [Fact]
    public async Task A_service_the_admin_turned_off_raises_nothing_and_turning_a_failed_one_off_resolves_its_alert()
    {
        var service = new ServiceAlerts(_alerts.Service);

        await service.StatusChangedAsync(new ServiceStatus("nfs", "NFS", false, ServiceState.Stopped, null), default);
        Assert.Empty(_alerts.Open(AlertKind.ServiceStopped));

        await service.StatusChangedAsync(new ServiceStatus("nfs", "NFS", true, ServiceState.Failed, "port 2049 is taken"), default);
        await service.StatusChangedAsync(new ServiceStatus("nfs", "NFS", false, ServiceState.Failed, "port 2049 is taken"), default);

        Assert.Empty(_alerts.Open(AlertKind.ServiceStopped));
    }
}
