using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// A fresh <see cref="AppliancePair"/> of its own (for tests that change what the shared pair relies on: the
/// replication port, the certificate): paired, Replication on, a pool on each, a share on the source with a
/// file, and a task that replicates it to the destination, its first run ended. The tests of one class share
/// it (a subclass names the appliances' ids) and put back after them what they change.
/// </summary>
public abstract class PairWithATask(string sourceId, string destinationId) : IAsyncLifetime
{
    public const string Pool = "tank";
    public const string Share = "docs";

    /// <summary>A run that fails is tried again once, a second later, so a refused run ends in seconds.</summary>
    public AppliancePair Pair { get; } = new(
        sourceId,
        destinationId,
        new Dictionary<string, string> { ["Rockstor__ReplicationRetries"] = "1", ["Rockstor__ReplicationRetryDelaySeconds"] = "1" });

    public int TaskId { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            Pair.Dispose(); // what a failed set-up made goes at once; xUnit disposing it again is harmless
            throw;
        }
    }

    public Task DisposeAsync()
    {
        Pair.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Sets the pair and the task up, and waits for the task's first run to end.</summary>
    protected virtual async Task StartAsync()
    {
        await Pair.StartAsync();
        await TwoAppliances.PairAsync(Pair.A, Pair.Destination, Pair.B);
        await TwoAppliances.SetServiceAsync(Pair.A, on: true);
        await TwoAppliances.SetServiceAsync(Pair.B, on: true);
        await Ok(Pair.A.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 1 }));
        await Ok(Pair.B.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 1 }));
        var path = (await Ok(Pair.A.PostAsJsonAsync("/api/shares", new { pool = Pool, name = Share }))).GetProperty("path").GetString()!;
        await File.WriteAllTextAsync(Path.Combine(path, "a.txt"), "first");
        var task = await Ok(Pair.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share = Share, targetApplianceId = destinationId, targetPool = Pool, frequencyMinutes = 1440, keep = 5, enabled = true }));
        TaskId = task.GetProperty("id").GetInt32();

        // A new task runs at once.
        FirstRun = await Waiting.UntilAsync(
            async () => Assert.Single(await FinishedAsync()),
            TimeSpan.FromMinutes(2));
    }

    /// <summary>The run a new task starts at once.</summary>
    public JsonElement FirstRun { get; private set; }

    public Task<JsonElement> TaskAsync() => Pair.A.GetFromJsonAsync<JsonElement>($"/api/replication/tasks/{TaskId}");

    /// <summary>Runs the task now and waits for the attempt to end; returns it.</summary>
    public async Task<JsonElement> RunAsync()
    {
        var before = (await FinishedAsync()).Count;
        await Ok(Pair.A.PostAsync(new Uri($"/api/replication/tasks/{TaskId}/run", UriKind.Relative), null));
        return await Waiting.UntilAsync(
            async () =>
            {
                var finished = await FinishedAsync();
                Assert.True(finished.Count > before, $"The run has not ended.\n{Pair.Source.Log}");
                return finished[0];
            },
            TimeSpan.FromMinutes(2));
    }

    /// <summary>Asserts the attempt succeeded, showing it and both appliances' logs when it did not.</summary>
    public void AssertSucceeded(JsonElement attempt) =>
        Assert.True(
            attempt.GetProperty("status").GetString() == "succeeded",
            $"{attempt}\n--- source ---\n{Pair.Source.Log}\n--- destination ---\n{Pair.Destination.Log}");

    private async Task<List<JsonElement>> FinishedAsync() =>
        (await Pair.A.GetFromJsonAsync<JsonElement>($"/api/replication/tasks/{TaskId}/trail")).EnumerateArray()
            .Where(a => a.GetProperty("status").GetString() is not ("running" or "pending"))
            .OrderByDescending(a => a.GetProperty("endedAt").GetDateTimeOffset())
            .ToList();
}
