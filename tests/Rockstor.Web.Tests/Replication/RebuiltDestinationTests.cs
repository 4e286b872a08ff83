using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// A destination whose system was rebuilt (its store, keys and certificate gone, its pool's disks kept)
/// imports its pool and, once paired again, goes on receiving incrementally from where it was.
/// </summary>
public sealed class RebuiltDestinationTests : IAsyncLifetime
{
    private const string SourceId = "5d1e2c3b4a5948f7a6b5c4d3e2f10a9b";
    private const string DestinationId = "9a8b7c6d5e4f40312a1b0c9d8e7f6a5b";
    private readonly AppliancePair _pair = new(SourceId, DestinationId);
    private string _disk = "";

    private HttpClient A => _pair.A;

    private HttpClient B => _pair.B;

    public async Task InitializeAsync()
    {
        await _pair.StartAsync();
        _disk = _pair.Destination.Sandbox.AttachLoopDisk(2L << 30);
        await Ok(A.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 2 }));
        await Ok(B.PostAsJsonAsync("/api/pools", new { name = "backup", raidLevel = "single", devices = new[] { _disk } }));
        await SetServiceAsync(A, on: true);
        await SetServiceAsync(B, on: true);
        await PairAsync(A, _pair.Destination, B);
    }

    public Task DisposeAsync()
    {
        _pair.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 300_000)]
    public async Task A_rebuilt_destination_imports_its_pool_and_once_paired_again_receives_the_next_snapshot_incrementally()
    {
        var share = (await Ok(A.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "photos" }))).GetProperty("path").GetString()!;
        WriteData(share, seed: 1, smallFiles: 20, largeMiB: 4);
        var task = (await Ok(A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share = "photos", targetApplianceId = DestinationId, targetPool = "backup", frequencyMinutes = 1440, keep = 5, enabled = true }))).GetProperty("id").GetInt32();
        Assert.Equal("succeeded", (await FinishedAsync(task, 1)).GetProperty("status").GetString()); // a new task runs at once
        WriteData(share, seed: 2, smallFiles: 20, largeMiB: 4);
        Assert.Equal("succeeded", (await RunAsync(task, 1)).GetProperty("status").GetString());

        // The destination's system is rebuilt: a power cut, then a fresh install; its pool's disk is kept.
        _pair.Destination.Kill();
        Sandbox.Run("umount", Path.Combine(_pair.Destination.Sandbox.MountRoot, "backup"));
        foreach (var entry in new DirectoryInfo(_pair.Destination.Sandbox.DataDirectory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        await _pair.SetUpDestinationAgainAsync();
        var candidate = await ImportCandidates.OwnAsync(B, _pair.Destination);
        var preview = await B.GetFromJsonAsync<JsonElement>($"/api/pools/importable/{candidate.GetProperty("fsUuid").GetString()}");
        await Ok(B.PostAsJsonAsync("/api/pools/import", new { fsUuid = candidate.GetProperty("fsUuid").GetString(), name = "backup" }));
        await SetServiceAsync(B, on: true);

        // The source pairs again with the rebuilt destination (its certificate is new) and runs the task.
        await Ok(A.DeleteAsync(new Uri($"/api/appliances/{DestinationId}", UriKind.Relative)));
        await PairAsync(A, _pair.Destination, B);
        var third = await RunAsync(task, 2);

        Assert.Equal([$"{SourceId}_photos"], preview.GetProperty("replicaShares").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("succeeded", third.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(third.GetProperty("parent").GetString()), $"The run after the rebuild sent everything again: {third}");
        var replicas = (await B.GetFromJsonAsync<JsonElement>($"/api/snapshots?share={SourceId}_photos")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, replicas.Count);
        Assert.Equal(Hashes(share), Hashes(Path.Combine(_pair.Destination.Sandbox.MountRoot, "backup", ".snapshots", $"{SourceId}_photos", third.GetProperty("snapshot").GetString()!)));
    }

    private async Task<JsonElement> RunAsync(int task, int finishedBefore)
    {
        await Ok(A.PostAsync(new Uri($"/api/replication/tasks/{task}/run", UriKind.Relative), null));
        return await FinishedAsync(task, finishedBefore + 1);
    }

    /// <summary>Waits until the task's trail has <paramref name="count"/> finished attempts; returns the one that ended last.</summary>
    private Task<JsonElement> FinishedAsync(int task, int count) => Waiting.UntilAsync(
        async () =>
        {
            var finished = (await TrailAsync(A, $"/api/replication/tasks/{task}/trail"))
                .Where(a => a.GetProperty("status").GetString() is not ("running" or "pending"))
                .OrderByDescending(a => a.GetProperty("endedAt").GetDateTimeOffset())
                .ToList();
            Assert.True(finished.Count >= count, $"Task {task} has {finished.Count} finished attempts.\n{_pair.Source.Log}\n{_pair.Destination.Log}");
            return finished[0];
        },
        TimeSpan.FromMinutes(2));
}
