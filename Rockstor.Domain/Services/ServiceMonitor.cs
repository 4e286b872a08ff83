using Rockstor.Domain.Common;

namespace Rockstor.Domain.Services;
/// <summary>
/// Keeps every service's state in memory and pushes changes to whoever listens (open screens). It starts
/// no process and does no I/O to learn a state: the services run in this process and report to it. The
/// store is written only when the admin flips a switch.
/// </summary>
public sealed class ServiceMonitor
{
    private readonly Dictionary<string, IManagedService> _services;
    private readonly IServiceSettings _settings;
    private readonly Dictionary<string, ServiceStatus> _status = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public ServiceMonitor(IEnumerable<IManagedService> services, IServiceSettings settings)
    {
        _services = services.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _settings = settings;
        var enabled = settings.Load();
        foreach (var service in _services.Values)
        {
            _status[service.Name] = new ServiceStatus(service.Name, service.Title, enabled.GetValueOrDefault(service.Name), ServiceState.Stopped, null);
            if (service is IReportsFailure reporting)
            {
                reporting.Failed += OnFailed;
            }
        }
    }

    /// <summary>Raised after any service's status changed.</summary>
    public event Action<ServiceStatus>? Changed;

    public IReadOnlyList<ServiceStatus> List()
    {
        lock (_status)
        {
            return _status.Values.OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        }
    }

    public ServiceStatus Get(string name)
    {
        lock (_status)
        {
            return _status.TryGetValue(name, out var status) ? status : throw new NotFoundException($"There is no service named '{Echo.Of(name)}'.");
        }
    }

    /// <summary>Whether the service is on and running (replication jobs ask before they run).</summary>
    public bool IsRunning(string name) => Get(name) is { Enabled: true, State: ServiceState.Running };

    /// <summary>Starts every service the admin left on (at start-up).</summary>
    public async Task StartEnabledAsync(CancellationToken ct)
    {
        foreach (var status in List().Where(s => s.Enabled))
        {
            await ApplyAsync(status.Name, true, ct).ConfigureAwait(false);
        }
    }

    public async Task<ServiceStatus> SetEnabledAsync(string name, bool enabled, CancellationToken ct)
    {
        var current = Get(name);
        if (current.Enabled != enabled)
        {
            _settings.SetEnabled(name, enabled);
            Publish(current with { Enabled = enabled });
        }

        return await ApplyAsync(name, enabled, ct).ConfigureAwait(false);
    }

    /// <summary>Stops every running service (at shutdown) without changing what the admin chose.</summary>
    public async Task StopAllAsync(CancellationToken ct)
    {
        foreach (var status in List().Where(s => s.State == ServiceState.Running))
        {
            await ApplyAsync(status.Name, false, ct).ConfigureAwait(false);
        }
    }

    private async Task<ServiceStatus> ApplyAsync(string name, bool run, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var current = Get(name);
            var service = _services[name];
            if (run && current.State != ServiceState.Running)
            {
                try
                {
                    await service.StartAsync(ct).ConfigureAwait(false);
                    return Publish(current with { State = ServiceState.Running, Error = null });
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    return Publish(current with { State = ServiceState.Failed, Error = e.Message });
                }
            }

            if (!run && current.State != ServiceState.Stopped)
            {
                await service.StopAsync(ct).ConfigureAwait(false);
                return Publish(current with { State = ServiceState.Stopped, Error = null });
            }

            return current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A service that ended on its own is failed until the admin turns it off or on again.</summary>
    private void OnFailed(string name, string error)
    {
        var current = Get(name);
        if (current.State == ServiceState.Running)
        {
            Publish(current with { State = ServiceState.Failed, Error = error });
        }
    }

    private ServiceStatus Publish(ServiceStatus status)
    {
        lock (_status)
        {
            _status[status.Name] = status;
        }

        Changed?.Invoke(status);
        return status;
    }
}
