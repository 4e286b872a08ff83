using Rockstor.Domain.Services;

namespace Rockstor.Domain.Tests.Services;

public class ServiceMonitorTests
{
    private sealed class CountingSettings(Dictionary<string, bool> stored) : IServiceSettings
    {
        public int Writes { get; private set; }

        public IReadOnlyDictionary<string, bool> Load() => stored;

        public void SetEnabled(string name, bool enabled)
        {
            Writes++;
            stored[name] = enabled;
        }
    }

    private sealed class FakeService(string? failure = null) : IManagedService
    {
        public string Name => "replication";

        public string Title => "Replication";

        public int Starts { get; private set; }

        public int Stops { get; private set; }

        public Task StartAsync(CancellationToken ct)
        {
            Starts++;
            return failure is null ? Task.CompletedTask : throw new InvalidOperationException(failure);
        }

        public Task StopAsync(CancellationToken ct)
        {
            Stops++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task The_store_is_written_only_when_a_switch_changes()
    {
        var settings = new CountingSettings([]);
        var service = new FakeService();
        var monitor = new ServiceMonitor([service], settings);

        await monitor.SetEnabledAsync("replication", true, CancellationToken.None);
        await monitor.SetEnabledAsync("replication", true, CancellationToken.None);
        _ = monitor.List();
        _ = monitor.IsRunning("replication");

        Assert.Equal(1, settings.Writes);
        Assert.Equal(1, service.Starts);
        Assert.True(monitor.IsRunning("replication"));
    }

    [Fact]
    public async Task Services_left_on_start_at_start_up_without_writing()
    {
        var settings = new CountingSettings(new Dictionary<string, bool> { ["replication"] = true });
        var service = new FakeService();
        var monitor = new ServiceMonitor([service], settings);

        await monitor.StartEnabledAsync(CancellationToken.None);

        Assert.Equal((1, 0), (service.Starts, settings.Writes));
        Assert.Equal(ServiceState.Running, monitor.Get("replication").State);
    }

    [Fact]
    public async Task A_service_that_cannot_start_is_failed_with_the_reason_and_stays_switched_on()
    {
        var monitor = new ServiceMonitor([new FakeService("port 10002 is taken")], new CountingSettings([]));

        var status = await monitor.SetEnabledAsync("replication", true, CancellationToken.None);

        Assert.Equal((true, ServiceState.Failed, "port 10002 is taken"), (status.Enabled, status.State, status.Error));
        Assert.False(monitor.IsRunning("replication"));
    }

    [Fact]
    public async Task Every_change_is_pushed_to_listeners()
    {
        var monitor = new ServiceMonitor([new FakeService()], new CountingSettings([]));
        var seen = new List<ServiceStatus>();
        monitor.Changed += seen.Add;

        await monitor.SetEnabledAsync("replication", true, CancellationToken.None);
        await monitor.SetEnabledAsync("replication", false, CancellationToken.None);

        Assert.Equal(
            [(true, ServiceState.Stopped), (true, ServiceState.Running), (false, ServiceState.Running), (false, ServiceState.Stopped)],
            seen.Select(s => (s.Enabled, s.State)));
    }

    [Fact]
    public async Task Stopping_at_shutdown_keeps_the_admin_s_choice()
    {
        var settings = new CountingSettings([]);
        var service = new FakeService();
        var monitor = new ServiceMonitor([service], settings);
        await monitor.SetEnabledAsync("replication", true, CancellationToken.None);

        await monitor.StopAllAsync(CancellationToken.None);

        Assert.Equal(1, service.Stops);
        Assert.True(settings.Load()["replication"]);
        Assert.True(monitor.Get("replication").Enabled);
    }
}
