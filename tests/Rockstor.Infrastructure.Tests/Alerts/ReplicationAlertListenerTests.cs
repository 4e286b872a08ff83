using Microsoft.Extensions.Hosting;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Alerts;

/// <summary>Alerts hear runs through replication's events, on the appliance's real store.</summary>
public sealed class ReplicationAlertListenerTests : IDisposable
{
    private readonly StorageHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact(Timeout = 30_000)]
    public async Task A_failed_run_raises_its_alert_one_stopped_on_purpose_does_not_and_what_is_queued_is_told_before_the_stop_ends()
    {
        var bus = _host.Get<ReplicationEventBus>();
        var listener = _host.Get<IEnumerable<IHostedService>>().OfType<ReplicationAlertListener>().Single();
        await listener.StartAsync(_host.Lifetime);

        bus.RunEnded(new RunEnd(Task(7), Failed(7, "The task's window (22:00-06:00 UTC) closed; the next run in it sends again."), StoppedOnPurpose: true));
        bus.RunEnded(new RunEnd(Task(8), Failed(8, "nas2 refused: Pool 'tank' does not exist on the destination."), StoppedOnPurpose: false));
        await listener.StopAsync(_host.Lifetime);

        var alert = Assert.Single(_host.Get<AlertService>().List(openOnly: true));
        Assert.Equal((AlertKind.RunFailed, 8, "nas2 refused: Pool 'tank' does not exist on the destination."), (alert.Kind, alert.TaskId, alert.Message));
    }

    [Fact(Timeout = 30_000)]
    public async Task A_success_then_a_deleted_task_resolve_in_the_order_they_happened()
    {
        var bus = _host.Get<ReplicationEventBus>();
        var alerts = _host.Get<AlertService>();
        var listener = _host.Get<IEnumerable<IHostedService>>().OfType<ReplicationAlertListener>().Single();
        await listener.StartAsync(_host.Lifetime);

        bus.RunEnded(new RunEnd(Task(1), Failed(1, "cut"), StoppedOnPurpose: false));
        bus.RunEnded(new RunEnd(Task(2), Failed(2, "cut"), StoppedOnPurpose: false));
        bus.RunEnded(new RunEnd(Task(1), new Attempt { OwnerId = 1, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Succeeded }, StoppedOnPurpose: false));
        bus.TaskDeleted(2);
        await listener.StopAsync(_host.Lifetime);

        Assert.Empty(alerts.List(openOnly: true));
        Assert.Equal([(1, true), (2, true)], alerts.List(openOnly: false).Select(a => (a.TaskId, a.ResolvedAt is not null)).OrderBy(a => a.TaskId));
    }

    private static ReplicationTask Task(int id) => new()
    {
        Id = id,
        Share = "docs",
        TargetApplianceId = "123e4567",
        TargetPool = "tank",
        FrequencyMinutes = 60,
        Port = 10002,
        Retention = RetentionPolicy.KeepLast(5),
        Enabled = true,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static Attempt Failed(int taskId, string error) =>
        new() { OwnerId = taskId, StartedAt = DateTimeOffset.UtcNow, EndedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Failed, Error = error };
}
