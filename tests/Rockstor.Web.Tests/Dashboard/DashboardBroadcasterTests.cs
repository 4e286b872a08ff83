using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Dashboard;
using Rockstor.Testing;
using Rockstor.Web.Dashboard;

namespace Rockstor.Web.Tests.Dashboard;

/// <summary>The hub's broadcaster over the real feed and SignalR's hub context: it watches only while a client is connected.</summary>
public sealed class DashboardBroadcasterTests : IDisposable
{
    private readonly Sandbox _sandbox = new();
    private readonly ServiceProvider _services;

    public DashboardBroadcasterTests()
    {
        var services = new ServiceCollection();
        StorageHost.AddSandboxedInfrastructure(services, _sandbox);
        services.AddSignalR();
        services.AddSingleton<DashboardBroadcaster>();
        _services = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        _sandbox.Dispose();
    }

    [Fact]
    public void The_feed_runs_from_the_first_connection_to_the_last_disconnection_and_for_one_watch_however_many_connect()
    {
        var feed = _services.GetRequiredService<DashboardFeed>();
        var broadcaster = _services.GetRequiredService<DashboardBroadcaster>();

        broadcaster.Join("one");
        broadcaster.Join("two");
        broadcaster.Join("two"); // a connection counted once
        Assert.Equal((2, 1, true), (broadcaster.Connections, feed.Watchers, feed.Sampling));

        broadcaster.Leave("one");
        Assert.True(feed.Sampling);
        broadcaster.Leave("two");
        broadcaster.Leave("never-joined");

        Assert.Equal((0, 0, false), (broadcaster.Connections, feed.Watchers, feed.Sampling));
    }
}
