using System.Net;
using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Rockstor.Infrastructure.Jobs.LiteDb;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Jobs;

/// <summary>Jobs in every state on the LiteDB job storage, and the Hangfire dashboard over it on a real Kestrel host.</summary>
public sealed class DashboardHost : IAsyncLifetime
{
    private readonly Sandbox _sandbox = new();
    private readonly int _port = ApplianceProcess.FreePort();
    private LiteDbJobStorage _storage = default!;
    private WebApplication _host = default!;
    private BackgroundJobServer _server = default!;
    private HttpClient _client = default!;

    public LiteDbJobStorage Storage => _storage;

    public HttpClient Client => _client;

    public string Succeeded { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _storage = new LiteDbJobStorage(Path.Combine(_sandbox.DataDirectory, LiteDbJobStorage.FileName));
        var client = new BackgroundJobClient(_storage);
        for (var i = 0; i < 2; i++)
        {
            client.Enqueue(() => Probe.Named($"enqueued-{i}"));
        }

        var parent = client.Schedule(() => Probe.Named("scheduled-0"), TimeSpan.FromHours(1));
        client.ContinueJobWith(parent, () => Probe.Named("awaiting-0"));
        var processing = client.Create(Job.FromExpression(() => Probe.Hold("processing-0", CancellationToken.None)), new EnqueuedState("elsewhere"));
        Succeeded = client.Create(Job.FromExpression(() => Probe.Named("succeeded-0")), new SucceededState(null, 5, 20));
        for (var i = 0; i < 3; i++)
        {
            client.Create(Job.FromExpression(() => Probe.Once($"failed-{i}")), new FailedState(new InvalidOperationException("broken on purpose")));
        }

        client.Create(Job.FromExpression(() => Probe.Named("deleted-0")), new DeletedState());
        new RecurringJobManager(_storage).AddOrUpdate("nightly", () => Probe.Named("recurring-0"), "0 3 * * *");

        // A server on a queue of its own, so the jobs above stay as they are, but for the one it holds.
        _server = new BackgroundJobServer(new BackgroundJobServerOptions { ServerName = "dashboard-test", Queues = ["elsewhere"], WorkerCount = 1 }, _storage);
        using (var connection = _storage.GetConnection())
        {
            for (var i = 0; i < 200 && connection.GetStateData(processing)?.Name != ProcessingState.StateName; i++)
            {
                await Task.Delay(50);
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        builder.Services.AddHangfire(configuration => configuration.UseStorage(_storage));
        _host = builder.Build();
        _host.UseHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [] }, _storage);
        await _host.StartAsync();
        _client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();

            // AddHangfire made this host's loggers and services Hangfire's, process-wide; they are gone now.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
            JobActivator.Current = new JobActivator();
        }

        _server?.Dispose();
        _storage?.Dispose();
        _sandbox.Dispose();
    }
}

[CollectionDefinition(nameof(DashboardCollection))]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>;

/// <summary>The Hangfire dashboard over the LiteDB job storage on a real Kestrel host: every page, with jobs in every state.</summary>
[Collection(nameof(DashboardCollection))]
public sealed class DashboardTests(DashboardHost host)
{
    [Theory(Timeout = 60_000)]
    [InlineData("/jobs/enqueued/default", "enqueued", 2)]
    [InlineData("/jobs/scheduled", "scheduled", 1)]
    [InlineData("/jobs/awaiting", "awaiting", 1)]
    [InlineData("/jobs/processing", "processing", 1)]
    [InlineData("/jobs/succeeded", "succeeded", 1)]
    [InlineData("/jobs/failed", "failed", 3)]
    [InlineData("/jobs/deleted", "deleted", 1)]
    [InlineData("/recurring", "recurring", 1)]
    public async Task Each_page_lists_the_jobs_in_its_state(string page, string state, int count)
    {
        var html = await PageAsync(page);

        Assert.Equal(count, Regex.Matches(html, $"probe {state}-\\d").Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_overview_the_servers_the_queues_and_a_job_s_details_show()
    {
        Assert.Contains("realtimeGraph", await PageAsync(""), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("dashboard-test", await PageAsync("/servers"), StringComparison.Ordinal);
        var queues = await PageAsync("/jobs/enqueued");
        Assert.Contains("default", queues, StringComparison.Ordinal);
        Assert.Contains("probe enqueued-0", queues, StringComparison.Ordinal);
        await PageAsync("/retries");

        var details = await PageAsync($"/jobs/details/{host.Succeeded}");

        Assert.Contains("probe succeeded-0", details, StringComparison.Ordinal);
        Assert.Contains("Succeeded", details, StringComparison.Ordinal);
    }

    [Fact]
    public void The_statistics_count_what_the_storage_holds()
    {
        var statistics = host.Storage.GetMonitoringApi().GetStatistics();

        Assert.Equal(
            (Enqueued: 2L, Scheduled: 1L, Processing: 1L, Failed: 3L, Awaiting: (long?)1, Recurring: 1L, Servers: 1L, Queues: 2L), // queues: default, and elsewhere (the held job)
            (statistics.Enqueued, statistics.Scheduled, statistics.Processing, statistics.Failed, statistics.Awaiting, statistics.Recurring, statistics.Servers, statistics.Queues));
    }

    private async Task<string> PageAsync(string page)
    {
        using var response = await host.Client.GetAsync(new Uri("/hangfire" + page, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"/hangfire{page}: {(int)response.StatusCode} {html}");
        return WebUtility.HtmlDecode(html);
    }
}
