using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Configuration;

/// <summary>
/// The acceptance test of issue 22's configuration export: a source whose system disk is rebuilt (its store,
/// keys and certificate gone, its pool's disk kept) imports its configuration and its pool, and its task
/// goes on sending incrementally to the destination it was paired with, which never learns of the rebuild.
/// </summary>
public sealed class RebuiltSourceTests : IAsyncLifetime
{
    private const string SourceId = "3c4d5e6f708142a3b4c5d6e7f8091a2b";
    private const string DestinationId = "6e5d4c3b2a1940f8e7d6c5b4a3928170";
    private const string Passphrase = "rebuild the system disk";
    private readonly AppliancePair _pair = new(SourceId, DestinationId);
    private HttpClient? _rebuilt;
    private string _disk = "";

    private HttpClient A => _pair.A;

    private HttpClient B => _pair.B;

    public async Task InitializeAsync()
    {
        await _pair.StartAsync();
        _disk = _pair.Source.Sandbox.AttachLoopDisk(2L << 30);
        await Ok(A.PostAsJsonAsync("/api/pools", new { name = "tank", raidLevel = "single", devices = new[] { _disk } }));
        await Ok(B.PostAsJsonAsync("/api/pools", new { name = "backup", imageSizeGiB = 2 }));
        await SetServiceAsync(A, on: true);
        await SetServiceAsync(B, on: true);
        await PairAsync(A, _pair.Destination, B);
    }

    public Task DisposeAsync()
    {
        _rebuilt?.Dispose();
        _pair.Dispose();
        return Task.CompletedTask;
    }

    [Fact(Timeout = 300_000)]
    public async Task A_rebuilt_source_imports_its_configuration_and_pool_and_its_task_sends_the_next_snapshot_incrementally()
    {
        var share = (await Ok(A.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "photos" }))).GetProperty("path").GetString()!;
        WriteData(share, seed: 1, smallFiles: 20, largeMiB: 8);
        var task = (await Ok(A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share = "photos", targetApplianceId = DestinationId, targetPool = "backup", frequencyMinutes = 1440, keep = 5, enabled = true }))).GetProperty("id").GetInt32();
        var first = await FinishedAsync(A, task, 1);
        Assert.Equal("succeeded", first.GetProperty("status").GetString());
        var fingerprint = await FingerprintAsync(A);
        await Ok(A.PutAsJsonAsync("/api/shares/photos/smb", new { enabled = true, readOnly = true }));

        // The export: a short passphrase is refused; the file is named after the appliance and the time.
        using (var shortOne = await A.PostAsJsonAsync("/api/config/export", new { passphrase = "too short" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, shortOne.StatusCode);
            Assert.Contains("at least 12 characters", await ApiResponses.DetailAsync(shortOne), StringComparison.Ordinal);
        }

        byte[] file;
        using (var exported = await A.PostAsJsonAsync("/api/config/export", new { passphrase = Passphrase }))
        {
            Assert.True(exported.IsSuccessStatusCode, await exported.Content.ReadAsStringAsync());
            Assert.Equal("application/octet-stream", exported.Content.Headers.ContentType?.MediaType);
            Assert.Matches(@"^rockstor-source-\d{8}-\d{4}\.rockstor-config$", exported.Content.Headers.ContentDisposition?.FileNameStar ?? exported.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            file = await exported.Content.ReadAsByteArrayAsync();
        }

        // An appliance in use does not take a configuration.
        using (var inUse = await ImportAsync(A, file, Passphrase))
        {
            Assert.Equal(HttpStatusCode.Conflict, inUse.StatusCode);
            Assert.Contains("freshly installed", await ApiResponses.DetailAsync(inUse), StringComparison.Ordinal);
        }

        WriteData(share, seed: 2, smallFiles: 20, largeMiB: 0); // what the next run sends (the large file stays), once the source is back

        // The source's system disk is rebuilt: it stops, its data directory is emptied, its pool's disk is kept.
        _pair.Source.Stop();
        Sandbox.TryRun("umount", Path.Combine(_pair.Source.Sandbox.MountRoot, "tank"));
        EmptyFolder(_pair.Source.Sandbox.DataDirectory);
        await _pair.Source.StartAsync();
        _rebuilt = await _pair.Source.SetUpAndLogInAsync(username: "installer", password: "installer-password", hostname: "fresh");
        Assert.NotEqual(fingerprint, await FingerprintAsync(_rebuilt));

        // A wrong passphrase changes nothing.
        using (var wrong = await ImportAsync(_rebuilt, file, "not the passphrase at all"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Equal("The passphrase does not open this file.", await ApiResponses.DetailAsync(wrong));
        }

        Assert.Equal("fresh", (await _rebuilt.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("hostname").GetString());

        JsonElement imported;
        using (var right = await ImportAsync(_rebuilt, file, Passphrase))
        {
            imported = await Ok(Task.FromResult(right));
        }

        Assert.Equal(1, imported.GetProperty("imported").GetProperty("replication_tasks").GetInt32());
        Assert.Equal(1, imported.GetProperty("imported").GetProperty("paired_appliances").GetInt32());
        var steps = imported.GetProperty("nextSteps").EnumerateArray().Select(s => s.GetString()!).ToList();
        Assert.Contains(steps, s => s.StartsWith("Import the pool 'tank' on the Pools screen", StringComparison.Ordinal));
        Assert.True(imported.GetProperty("restartNeeded").GetBoolean());

        // The restart the import asks for; then the imported admin logs in, and the source presents its old certificate.
        _rebuilt.Dispose();
        _pair.Source.Stop();
        await _pair.Source.StartAsync();
        _rebuilt = await _pair.Source.LogInAsync();
        Assert.Equal(fingerprint, await FingerprintAsync(_rebuilt));
        Assert.Equal("source", (await _rebuilt.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("hostname").GetString());

        // Until its pool is back, the task's run is skipped with a sentence that says so (not judged diverged).
        await Ok(_rebuilt.PostAsync(new Uri($"/api/replication/tasks/{task}/run", UriKind.Relative), null));
        var waiting = await FinishedAsync(_rebuilt, task, 1);
        Assert.Equal("skipped", waiting.GetProperty("status").GetString());
        Assert.Contains("import its pool", waiting.GetProperty("error").GetString(), StringComparison.Ordinal);

        // The pool is imported, and the next run sends only what changed since the snapshot both sides hold.
        var candidate = await ImportCandidates.OwnAsync(_rebuilt, _pair.Source);
        await Ok(_rebuilt.PostAsJsonAsync("/api/pools/import", new { fsUuid = candidate.GetProperty("fsUuid").GetString(), name = "tank" }));
        var smb = await _rebuilt.GetFromJsonAsync<JsonElement>("/api/shares/photos/smb"); // the share came back as it was: its export holds
        Assert.True(smb.GetProperty("enabled").GetBoolean() && smb.GetProperty("readOnly").GetBoolean(), smb.ToString());
        await Ok(_rebuilt.PostAsync(new Uri($"/api/replication/tasks/{task}/run", UriKind.Relative), null));
        var next = await FinishedAsync(_rebuilt, task, 2);

        Assert.True(next.GetProperty("status").GetString() == "succeeded", $"{next}\n--- source ---\n{_pair.Source.Log}\n--- destination ---\n{_pair.Destination.Log}");
        Assert.Equal(first.GetProperty("snapshot").GetString(), next.GetProperty("parent").GetString());
        Assert.True(next.GetProperty("bytes").GetInt64() < first.GetProperty("bytes").GetInt64() * 3 / 4, $"The run after the rebuild sent {next.GetProperty("bytes")} bytes; the first sent {first.GetProperty("bytes")}.");
        var replica = Path.Combine(_pair.Destination.Sandbox.MountRoot, "backup", ".snapshots", $"{SourceId}_photos", next.GetProperty("snapshot").GetString()!);
        Assert.Equal(Hashes(Path.Combine(_pair.Source.Sandbox.MountRoot, "tank", "photos")), Hashes(replica));
    }

    private static async Task<string> FingerprintAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("certificateFingerprint").GetString()!;

    private static Task<HttpResponseMessage> ImportAsync(HttpClient admin, byte[] file, string passphrase)
    {
        var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", "source.rockstor-config");
        form.Add(new StringContent(passphrase), "passphrase");
        return admin.PostAsync(new Uri("/api/config/import", UriKind.Relative), form);
    }

    private static void EmptyFolder(string path)
    {
        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos())
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
    }

    /// <summary>Waits until the task's trail has <paramref name="count"/> finished attempts; returns the one that ended last.</summary>
    private Task<JsonElement> FinishedAsync(HttpClient admin, int task, int count) => Waiting.UntilAsync(
        async () =>
        {
            var finished = (await TrailAsync(admin, $"/api/replication/tasks/{task}/trail"))
                .Where(a => a.GetProperty("status").GetString() is not ("running" or "pending"))
                .OrderByDescending(a => a.GetProperty("endedAt").GetDateTimeOffset())
                .ToList();
            Assert.True(finished.Count >= count, $"Task {task} has {finished.Count} finished attempts.\n{_pair.Source.Log}\n{_pair.Destination.Log}");
            return finished[0];
        },
        TimeSpan.FromMinutes(2));
}
