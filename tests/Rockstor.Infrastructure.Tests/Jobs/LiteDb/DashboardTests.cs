using System.Net;
using System.Text.RegularExpressions;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Jobs.LiteDb;

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

        Assert.Equal(host.Succeeded, HangfireDashboard.JobId(await PageAsync("/jobs/succeeded"), "probe succeeded-0"));
        var details = await PageAsync($"/jobs/details/{host.Succeeded}");

        Assert.Contains("<h1 class=\"page-header\">probe succeeded-0</h1>", details, StringComparison.Ordinal);
        Assert.Equal("Succeeded", HangfireDashboard.CurrentState(details));
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
