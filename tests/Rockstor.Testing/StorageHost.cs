using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

using Rockstor.Infrastructure;

namespace Rockstor.Testing;

/// <summary>The appliance's storage services, composed as the web host composes them, over a sandbox.</summary>
public sealed class StorageHost : IDisposable
{
    private readonly IReadOnlyDictionary<string, string?>? _settings;
    private readonly CancellationTokenSource _lifetime = new();
    private ServiceProvider _services;

    /// <param name="settings">Settings of the "Rockstor" section beside the sandbox's, e.g. <c>["Rockstor:ReplicationIdleSeconds"] = "2"</c>.</param>
    /// <param name="sandboxBase">Where the sandbox is made (such as <see cref="Sandbox.RootOnlyBase"/>); the system's temporary folder by default.</param>
    public StorageHost(IReadOnlyDictionary<string, string?>? settings = null, string? sandboxBase = null)
    {
        _settings = settings;
        Sandbox = new Sandbox(sandboxBase);
        Lifetime = _lifetime.Token;
        _services = Compose();
    }

    public Sandbox Sandbox { get; }

    /// <summary>
    /// Cancelled when the host is disposed, before anything is cleaned up: a test that passes it to every
    /// call has its btrfs commands stopped when it ends, also when xUnit's timeout ends it and the test's
    /// code is still running.
    /// </summary>
    public CancellationToken Lifetime { get; }

    public PoolService Pools => _services.GetRequiredService<PoolService>();

    public ShareService Shares => _services.GetRequiredService<ShareService>();

    public SnapshotService Snapshots => _services.GetRequiredService<SnapshotService>();

    public StorageLayout Layout => _services.GetRequiredService<StorageLayout>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Stops and starts the services over the same data directory, as an appliance restart does.</summary>
    public void Restart()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult(); // services that stop servers dispose asynchronously
        HangfireGlobals.Forget(); // resolving a scheduler made this container's logger Hangfire's
        _services = Compose();
    }

    public async Task<PoolView> CreateImagePoolAsync(string name = "pool1")
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Lifetime);
        cts.CancelAfter(TimeSpan.FromMinutes(1));
        return await Pools.CreateAsync(new CreateImagePool(name, 1), cts.Token);
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult(); // services that stop servers dispose asynchronously
        HangfireGlobals.Forget(); // resolving a scheduler made this container's logger Hangfire's
        Sandbox.Dispose();
        _lifetime.Dispose();
    }

    /// <summary>Adds the appliance's infrastructure, configured over the sandbox, to any service collection.</summary>
    public static IServiceCollection AddSandboxedInfrastructure(
        IServiceCollection services,
        Sandbox sandbox,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Rockstor:DataDirectory"] = sandbox.DataDirectory,
            ["Rockstor:MountRoot"] = sandbox.MountRoot,
            ["Rockstor:AllowLoopDevicesAsDisks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        services.AddSingleton<IConfiguration>(configuration);
        return services.AddRockstorInfrastructure();
    }

    private ServiceProvider Compose() => AddSandboxedInfrastructure(new ServiceCollection(), Sandbox, _settings).BuildServiceProvider();
}
