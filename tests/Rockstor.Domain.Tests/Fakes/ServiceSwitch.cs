using Rockstor.Domain.Services;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The replication service as the <see cref="ServiceMonitor"/> sees it: on or off, as the admin left it, starting at once.</summary>
public sealed class ServiceSwitch(bool on) : IManagedService, IServiceSettings
{
    private readonly Dictionary<string, bool> _enabled = new(StringComparer.Ordinal) { [ServiceNames.Replication] = on };

    public string Name => ServiceNames.Replication;

    public string Title => "Replication";

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public IReadOnlyDictionary<string, bool> Load() => _enabled;

    public void SetEnabled(string name, bool enabled) => _enabled[name] = enabled;
}
