using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>GET /api/dashboard and the /hubs/dashboard hub on a real appliance.</summary>
public sealed class DashboardApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact(Timeout = 120_000)]
    public async Task The_dashboard_is_for_the_admin_only_and_gives_this_machine_s_real_values_with_its_pools()
    {
        using var anonymous = fixture.Appliance.CreateClient();
        using var refused = await anonymous.GetAsync(new Uri("/api/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using var created = await Admin.PostAsJsonAsync("/api/pools", new { name = "glance", imageSizeGiB = 1 });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        var dashboard = await Admin.GetFromJsonAsync<JsonElement>("/api/dashboard");

        Assert.InRange(dashboard.GetProperty("cpu").GetProperty("percent").GetDouble(), 0, 100);
        Assert.Equal(MemTotalBytes(), dashboard.GetProperty("memory").GetProperty("totalBytes").GetInt64());
        Assert.True(dashboard.GetProperty("memory").GetProperty("availableBytes").GetInt64() > 0);
        Assert.NotEmpty(dashboard.GetProperty("network").EnumerateArray());
        Assert.DoesNotContain(dashboard.GetProperty("network").EnumerateArray(), n => n.GetProperty("name").GetString() == "lo");
        Assert.NotEmpty(dashboard.GetProperty("disks").EnumerateArray()); // the pool's loop device at least
        var pool = dashboard.GetProperty("pools").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "glance");
        Assert.True(pool.GetProperty("sizeBytes").GetInt64() > 0 && pool.GetProperty("usedBytes").GetInt64() > 0);
        Assert.Equal("notEnoughHistory", pool.GetProperty("forecast").GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Array, dashboard.GetProperty("largestShares").ValueKind);
        Assert.Equal(0, dashboard.GetProperty("replication").GetProperty("behind").GetInt32());
        Assert.Equal(JsonValueKind.Null, dashboard.GetProperty("replication").GetProperty("lastFailure").ValueKind);
        Assert.Empty(dashboard.GetProperty("replication").GetProperty("running").EnumerateArray());
        Assert.Equal(0, dashboard.GetProperty("alerts").GetProperty("open").GetInt32());
        Assert.Empty(dashboard.GetProperty("alerts").GetProperty("newest").EnumerateArray());
        Assert.True(dashboard.GetProperty("uptimeSeconds").GetDouble() > 0);
        Assert.False(string.IsNullOrEmpty(dashboard.GetProperty("version").GetString()));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_hub_refuses_a_stranger_and_sends_a_signed_in_client_a_snapshot_every_few_seconds()
    {
        await using var stranger = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Appliance.BaseAddress, "/hubs/dashboard"), options => HubClients.AcceptSelfSigned(options))
            .Build();
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => stranger.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var token = Admin.DefaultRequestHeaders.Authorization!.Parameter;
        var snapshots = new ConcurrentQueue<JsonElement>();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.Appliance.BaseAddress, "/hubs/dashboard"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(token);
                HubClients.AcceptSelfSigned(options);
            })
            .Build();
        hub.On<JsonElement>("snapshot", snapshots.Enqueue);
        await hub.StartAsync();

        await Waiting.UntilAsync(() => Assert.True(snapshots.Count >= 2), TimeSpan.FromSeconds(20));

        var times = snapshots.Select(s => s.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.True(times[1] > times[0]);
        Assert.Equal(MemTotalBytes(), snapshots.First().GetProperty("memory").GetProperty("totalBytes").GetInt64());
    }

    private static long MemTotalBytes() =>
        long.Parse(
            File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            CultureInfo.InvariantCulture) * 1024;
}
