using System.Collections.Concurrent;
using System.Net.Security;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>Live progress through the SignalR hub, and the replication socket's door for strangers.</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class LiveAndTrustTests(TwoAppliances two)
{
    [Fact(Timeout = 300_000)]
    public async Task Hub_clients_on_both_appliances_see_progress_and_state_changes_of_a_run()
    {
        var path = await two.CreateShareAsync("live");
        WriteData(path, seed: 8, largeMiB: 64);
        var sent = new ConcurrentQueue<JsonElement>();
        var received = new ConcurrentQueue<JsonElement>();
        await using var onSource = await ConnectAsync(two.Source, two.A, sent);
        await using var onDestination = await ConnectAsync(two.Destination, two.B, received);

        var taskId = await two.AddTaskAsync("live");
        var run = await two.FinishedAsync(taskId, 1);
        two.AssertSucceeded(run);

        await Waiting.UntilAsync(() => Assert.Contains(sent, e => Is(e, "attempt", "send", taskId) && Status(e) == "succeeded"));
        Assert.Contains(sent, e => Is(e, "attempt", "send", taskId) && Status(e) == "running");
        var progress = sent.Where(e => Is(e, "progress", "send", taskId)).ToList();
        Assert.NotEmpty(progress);
        Assert.All(progress, p => Assert.InRange(p.GetProperty("bytes").GetInt64(), 1, run.GetProperty("bytes").GetInt64()));
        Assert.All(progress, p => Assert.Equal(run.GetProperty("id").GetInt64(), p.GetProperty("attemptId").GetInt64()));

        await Waiting.UntilAsync(() => Assert.Contains(received, e => Is(e, "attempt", "receive", null) && Status(e) == "succeeded"
            && e.GetProperty("attempt").GetProperty("snapshot").GetString() == run.GetProperty("snapshot").GetString()));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_hub_client_without_a_login_is_turned_away()
    {
        await using var anonymous = new HubConnectionBuilder()
            .WithUrl(new Uri(two.Source.BaseAddress, "/hubs/replication"), options => HubClients.AcceptSelfSigned(options))
            .Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_jobs_dashboard_is_for_the_admin_and_shows_every_page_of_the_runs()
    {
        await two.CreateShareAsync("dash");
        var taskId = await two.AddTaskAsync("dash");
        two.AssertSucceeded(await two.FinishedAsync(taskId, 1));
        using var anonymous = two.Source.CreateClient();

        var turnedAway = await anonymous.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, turnedAway.StatusCode);
        Assert.StartsWith("/login", turnedAway.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var pages = new Dictionary<string, string>();
        foreach (var page in new[] { "", "/jobs/enqueued", "/jobs/scheduled", "/jobs/processing", "/jobs/succeeded", "/jobs/failed", "/jobs/deleted", "/jobs/awaiting", "/retries", "/recurring", "/servers" })
        {
            var response = await two.A.GetAsync(new Uri("/hangfire" + page, UriKind.Relative));
            pages[page] = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"/hangfire{page}: {(int)response.StatusCode} {pages[page]}");
        }

        // The recurring jobs are listed by their next run, 20 a page: the tests before this one in the
        // collection leave more than 20 tasks, and the new one's next run may put it on a later page.
        var recurring = await two.A.GetStringAsync(new Uri("/hangfire/recurring?count=100", UriKind.Relative));
        Assert.Contains($"replication-task-{taskId}", recurring, StringComparison.Ordinal);
        Assert.Contains("rockstor", pages["/servers"], StringComparison.Ordinal);

        // This task's first run (queued when the task was made), found by its name among the succeeded jobs:
        // the job ends a moment after its attempt.
        var name = $"Replicate task {taskId} now";
        var jobId = await Waiting.UntilAsync(async () =>
        {
            var succeeded = await two.A.GetStringAsync(new Uri("/hangfire/jobs/succeeded", UriKind.Relative));
            return HangfireDashboard.JobId(succeeded, name) ?? throw new InvalidOperationException($"No succeeded job is named '{name}'.");
        });
        var details = await two.A.GetStringAsync(new Uri($"/hangfire/jobs/details/{jobId}", UriKind.Relative));
        Assert.Contains($"<h1 class=\"page-header\">{name}</h1>", details, StringComparison.Ordinal);
        Assert.Equal("Succeeded", HangfireDashboard.CurrentState(details));

        // The appliance's store is the source of truth: the schedule is registered again at start.
        await two.RestartSourceAsync();
        Assert.Contains($"replication-task-{taskId}", await two.A.GetStringAsync(new Uri("/hangfire/recurring?count=100", UriKind.Relative)), StringComparison.Ordinal);
    }

    [Fact(Timeout = 300_000)]
    public async Task An_unpaired_appliance_is_refused_before_any_data_and_the_destination_records_it()
    {
        var receivesBefore = (await TrailAsync(two.B, "/api/replication/receives")).Count;
        using var stranger = TestCertificates.SelfSigned("stranger");
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(two.Destination.Address, 10002);
        await using var tls = new SslStream(tcp.GetStream());

        var answered = 0;
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "",
                ClientCertificates = [stranger],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            });

            // Say hello the way a sender does (a Hello frame); the destination must not answer it.
            await tls.WriteAsync(new byte[] { 1, 0, 0, 0, 2, (byte)'{', (byte)'}' });
            answered = await tls.ReadAsync(new byte[16]);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            // Refused during or right after the handshake: what should happen.
        }

        Assert.Equal(0, answered);
        await Waiting.UntilAsync(async () =>
        {
            var refusals = await TrailAsync(two.B, "/api/replication/refusals");
            Assert.Contains(refusals, r => r.GetProperty("reason").GetString()!.Contains("Not a paired appliance", StringComparison.Ordinal)
                && r.GetProperty("senderApplianceId").ValueKind == JsonValueKind.Null);
        });
        Assert.Equal(receivesBefore, (await TrailAsync(two.B, "/api/replication/receives")).Count);
        Assert.Contains("it is not a paired appliance", two.Destination.Log, StringComparison.Ordinal);
    }

    private static bool Is(JsonElement e, string kind, string side, int? ownerId) =>
        e.GetProperty("kind").GetString() == kind
        && e.GetProperty("side").GetString() == side
        && (ownerId is null || e.GetProperty("ownerId").GetInt32() == ownerId);

    private static string? Status(JsonElement e) => e.GetProperty("attempt").GetProperty("status").GetString();

    private static async Task<HubConnection> ConnectAsync(ApplianceProcess appliance, HttpClient client, ConcurrentQueue<JsonElement> events)
    {
        var token = client.DefaultRequestHeaders.Authorization!.Parameter;
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(appliance.BaseAddress, "/hubs/replication"), options =>
            {
                options.AccessTokenProvider = () => Task.FromResult(token);
                HubClients.AcceptSelfSigned(options);
            })
            .Build();
        hub.On<JsonElement>("attempt", e => events.Enqueue(Tagged(e, "attempt")));
        hub.On<JsonElement>("progress", e => events.Enqueue(Tagged(e, "progress")));
        await hub.StartAsync();
        return hub;
    }

    private static JsonElement Tagged(JsonElement e, string kind)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(e.GetRawText())!.AsObject();
        node["kind"] = kind;
        return JsonSerializer.SerializeToElement(node);
    }
}
