namespace Rockstor.Domain.Services;

/// <summary>A service of the appliance's own that runs inside its process and can be started and stopped.</summary>
public interface IManagedService
{
    /// <summary>The name used in the API: lower case, no spaces.</summary>
    string Name { get; }

    string Title { get; }

    /// <summary>Starts the service; throws when it cannot (the monitor records it as failed).</summary>
    Task StartAsync(CancellationToken ct);

    Task StopAsync(CancellationToken ct);
}
