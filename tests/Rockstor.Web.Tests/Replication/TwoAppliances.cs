using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// Two real appliances on hosts of their own, set up, paired, with the Replication service on and a pool
/// on each; ids start with digits. Tests make shares and tasks of their own, so they do not disturb each other.
/// </summary>
public sealed class TwoAppliances : IAsyncLifetime
{
    public const string SourceId = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b";
    public const string DestinationId = "123e4567e89b12d3a456426614174000";

    /// <summary>A second target, for tasks of one share to several appliances.</summary>
    public const string ThirdId = "7c2f0e9d8b7a46e5a3c1b2d4e6f80911";
    public const string Pool = "tank";

    /// <summary>A small pool on the destination, for running it out of space.</summary>
    public const string SmallPool = "small";

    private readonly TestNetwork _network = new(hosts: 3);

    public ApplianceProcess Source { get; private set; } = default!;

    public ApplianceProcess Destination { get; private set; } = default!;

    public HttpClient A { get; private set; } = default!;

    public HttpClient B { get; private set; } = default!;

    public ApplianceProcess Third { get; private set; } = default!;

    public TestHost DestinationHost => _network.Hosts[1];

    /// <summary>The third appliance's login (set up, Replication on, a pool "tank").</summary>
    public HttpClient C { get; private set; } = default!;

    /// <summary>Where a server of the test's own (a mail or webhook sink) is reachable from the appliances.</summary>
    public string Gateway => _network.Gateway;

    public async Task InitializeAsync()
    {
        // Transient failures are tried again 3 times, after 1, 2 and 4 s (a restart fits, a test stays
        // short); a try that moves nothing for 5 s is stalled.
        Source = new ApplianceProcess(
            new Dictionary<string, string>
            {
                ["Rockstor__ApplianceId"] = SourceId,
                ["Rockstor__ReplicationRetries"] = "3",
                ["Rockstor__ReplicationRetryDelaySeconds"] = "1",
                ["Rockstor__ReplicationStallSeconds"] = "5",
            },
            _network.Hosts[0]);
        Destination = new ApplianceProcess(new Dictionary<string, string> { ["Rockstor__ApplianceId"] = DestinationId }, _network.Hosts[1]);
        // The third closes a connection that sends nothing for 5 s (a silent peer is tested against it).
        Third = new ApplianceProcess(
            new Dictionary<string, string> { ["Rockstor__ApplianceId"] = ThirdId, ["Rockstor__ReplicationIdleSeconds"] = "5" },
            _network.Hosts[2]);
        await Task.WhenAll(Source.StartAsync(), Destination.StartAsync(), Third.StartAsync());
        A = await Source.SetUpAndLogInAsync(hostname: "source");
        B = await Destination.SetUpAndLogInAsync(hostname: "destination");
        C = await Third.SetUpAndLogInAsync(hostname: "third");
        await SetServiceAsync(C, on: true);
        await Ok(C.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 1 }));

        await PairAsync(A, Destination, B);
        using (var c = await Third.LogInAsync())
        {
            await PairAsync(A, Third, c);
        }

        await SetServiceAsync(A, on: true);
        await SetServiceAsync(B, on: true);
        await Ok(A.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 4 }));
        await Ok(B.PostAsJsonAsync("/api/pools", new { name = Pool, imageSizeGiB = 4 }));
        await Ok(B.PostAsJsonAsync("/api/pools", new { name = SmallPool, imageSizeGiB = 1 }));
    }

    public Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        C?.Dispose();
        Source?.Dispose();
        Destination?.Dispose();
        Third?.Dispose();
        _network.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Kills the destination (as a crash does) and starts it again on the same data.</summary>
    public async Task RestartDestinationAsync(Action? whileDown = null)
    {
        Destination.Kill();
        whileDown?.Invoke();
        await Destination.StartAsync();
        B.Dispose();
        B = await Destination.LogInAsync();
    }

    /// <summary>Kills the source (as a crash does) and starts it again on the same data.</summary>
    public async Task RestartSourceAsync(Action? whileDown = null)
    {
        Source.Kill();
        whileDown?.Invoke();
        await Source.StartAsync();
        A.Dispose();
        A = await Source.LogInAsync();
    }

    /// <summary>Pairs with the other appliance, confirming the fingerprint its own API shows (as an admin reads it on its About page).</summary>
    public static async Task PairAsync(HttpClient from, ApplianceProcess to, HttpClient toAdmin)
    {
        var fingerprint = (await toAdmin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString();
        await Ok(from.PostAsJsonAsync("/api/appliances", new { host = to.Address, mgmtPort = to.Port, username = "admin", password = "correct-horse", fingerprint }));
    }

    public static async Task SetServiceAsync(HttpClient client, bool on)
    {
        var service = await Ok(client.PutAsJsonAsync("/api/services/replication", new { enabled = on }));
        Assert.True(service.GetProperty("state").GetString() == (on ? "running" : "stopped"), service.ToString());
    }

    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Makes a share on the source and returns its path.</summary>
    public async Task<string> CreateShareAsync(string name) =>
        (await Ok(A.PostAsJsonAsync("/api/shares", new { pool = Pool, name }))).GetProperty("path").GetString()!;

    public async Task<int> AddTaskAsync(string share, int keep = 5, int? port = null, string pool = Pool, string target = DestinationId)
    {
        var task = await Ok(A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share, targetApplianceId = target, targetPool = pool, frequencyMinutes = 1440, keep, port, enabled = true }));
        return task.GetProperty("id").GetInt32();
    }

    public static async Task<List<JsonElement>> TrailAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().ToList();

    /// <summary>Waits until the task's trail has <paramref name="count"/> finished attempts; returns the one that ended last.</summary>
    public Task<JsonElement> FinishedAsync(int taskId, int count, TimeSpan? within = null) => Waiting.UntilAsync(
        async () =>
        {
            var trail = await TrailAsync(A, $"/api/replication/tasks/{taskId}/trail");
            var finished = trail
                .Where(a => a.GetProperty("status").GetString() is not ("running" or "pending"))
                .OrderByDescending(a => a.GetProperty("endedAt").GetDateTimeOffset())
                .ToList();
            Assert.True(finished.Count >= count, $"Task {taskId} has {finished.Count} finished attempts, not {count}: {string.Join("\n", trail)}\n{Source.Log}");
            return finished[0];
        },
        within ?? TimeSpan.FromMinutes(2));

    /// <summary>Waits until the task's newest attempt matches (as the trail shows it while the run goes on).</summary>
    public Task<JsonElement> UntilAttemptAsync(int taskId, Func<JsonElement, bool> matches, TimeSpan? within = null) => Waiting.UntilAsync(
        async () =>
        {
            var newest = (await TrailAsync(A, $"/api/replication/tasks/{taskId}/trail")).FirstOrDefault();
            Assert.True(newest.ValueKind == JsonValueKind.Object && matches(newest), $"Task {taskId}'s newest attempt never matched; it is {newest}\n{Source.Log}");
            return newest;
        },
        within ?? TimeSpan.FromMinutes(1));

    public async Task<JsonElement> RunAsync(int taskId, int finishedBefore)
    {
        await Ok(A.PostAsync(new Uri($"/api/replication/tasks/{taskId}/run", UriKind.Relative), null));
        return await FinishedAsync(taskId, finishedBefore + 1);
    }

    /// <summary>Asserts the attempt succeeded, showing it and both appliances' logs when it did not.</summary>
    public void AssertSucceeded(JsonElement attempt) =>
        Assert.True(
            attempt.GetProperty("status").GetString() == "succeeded",
            $"{attempt}\n--- source ---\n{Source.Log}\n--- destination ---\n{Destination.Log}");

    public static async Task<List<JsonElement>> SnapshotsAsync(HttpClient client, string share) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/snapshots?share={share}&sort=Name&descending=true")).GetProperty("items").EnumerateArray().ToList();

    public static string ReplicaShare(string share) => $"{SourceId}_{share}";

    /// <summary>Where the destination spools what arrives of a resumable transfer of the share.</summary>
    public string Spool(string share) => Path.Combine(Destination.Sandbox.MountRoot, Pool, ".spool", ReplicaShare(share));

    /// <summary>Files of varied sizes in folders, from a seed (so a test can make the same data twice).</summary>
    public static void WriteData(string root, int seed, int smallFiles = 200, int largeMiB = 8)
    {
        var random = new Random(seed);
        for (var i = 0; i < smallFiles; i++)
        {
            var folder = Path.Combine(root, $"dir{i % 10}");
            Directory.CreateDirectory(folder);
            var bytes = new byte[random.Next(0, 16 * 1024)];
            random.NextBytes(bytes);
            File.WriteAllBytes(Path.Combine(folder, $"file{i}.bin"), bytes);
        }

        if (largeMiB > 0)
        {
            WriteRandom(Path.Combine(root, "large.bin"), largeMiB * 1024L * 1024, random);
        }
    }

    public static void WriteRandom(string path, long length, Random random)
    {
        var chunk = new byte[1024 * 1024];
        using var file = File.Create(path);
        for (long written = 0; written < length; written += chunk.Length)
        {
            random.NextBytes(chunk);
            file.Write(chunk, 0, (int)Math.Min(chunk.Length, length - written));
        }
    }

    /// <summary>Every file under the folder by relative path, with its SHA-256.</summary>
    public static SortedDictionary<string, string> Hashes(string root)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            hashes[Path.GetRelativePath(root, file)] = Convert.ToHexString(SHA256.HashData(stream));
        }

        return hashes;
    }

    /// <summary>The newest received snapshot of the share's replica on the destination.</summary>
    public async Task<JsonElement> NewestReplicaAsync(string share) =>
        (await SnapshotsAsync(B, ReplicaShare(share)))[0];

    /// <summary>What is in the folder of the share's replica on the destination (received snapshots, and any receive under way).</summary>
    public IReadOnlyList<string> ReplicaFolder(string share, string pool = Pool)
    {
        var folder = Path.Combine(Destination.Sandbox.MountRoot, pool, ".snapshots", ReplicaShare(share));
        return Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal).ToList() : [];
    }
}
