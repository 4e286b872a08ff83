using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>Resumable transfers (ADR-013) and a garbled link, between two real appliances through a fault proxy.</summary>
[Collection(nameof(ReplicationCollection))]
public sealed class ResumeTests(TwoAppliances two, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact(Timeout = 300_000)]
    public async Task A_transfer_cut_at_90_percent_resumes_there_and_sends_again_at_most_a_tenth_of_the_stream()
    {
        var path = await two.CreateShareAsync("resume");
        WriteData(path, seed: 20, smallFiles: 20, largeMiB: 96);
        using var proxy = new FaultProxy(two.DestinationHost, 10002);
        proxy.HoldAfter((long)(0.9 * (96 << 20)));
        var taskId = await AddResumableTaskAsync("resume", proxy.Port);
        await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));
        var beforeCut = proxy.Forwarded;

        proxy.Cut();
        proxy.HoldAfter(long.MaxValue);
        var run = await two.FinishedAsync(taskId, 1);

        two.AssertSucceeded(run);
        Assert.Equal(1, run.GetProperty("retries").GetInt32());
        var stream = run.GetProperty("streamBytes").GetInt64();
        var resumedFrom = run.GetProperty("resumedFrom").GetInt64();

        // Sent again: all that crossed the link in the run, over the stream's own size. What was in
        // flight when the link broke (socket buffers) is lost, as on a real link.
        var sentAgain = proxy.Forwarded - stream;
        output.WriteLine($"stream {stream} B, cut after {beforeCut} B ({100.0 * beforeCut / stream:0.0}%), resumed from {resumedFrom} B ({100.0 * resumedFrom / stream:0.0}%), sent again {sentAgain} B ({100.0 * sentAgain / stream:0.0}%)");
        Assert.True(sentAgain <= stream / 10, $"sent again {sentAgain} of a {stream}-byte stream (cut after {beforeCut}, resumed from {resumedFrom}); {run}");
        Assert.InRange(resumedFrom, (long)(0.8 * stream), beforeCut);
        Assert.Equal(stream - resumedFrom, run.GetProperty("bytes").GetInt64(), tolerance: stream / 100.0); // the last try sent only the rest
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("resume")).GetProperty("path").GetString()!));
        Assert.False(Directory.Exists(two.Spool("resume")), "the spool is deleted once the snapshot is in place");
        var received = await ReceiveTrailAsync("resume");
        Assert.Equal(["succeeded", "failed"], received.Select(a => a.GetProperty("status").GetString()));
        Assert.Contains("What arrived is kept; the next try goes on from there", received[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(resumedFrom, received[0].GetProperty("resumedFrom").GetInt64());
    }

    [Fact(Timeout = 300_000)]
    public async Task A_spool_that_no_longer_matches_the_stream_is_dropped_and_the_transfer_starts_over()
    {
        var path = await two.CreateShareAsync("mismatch");
        WriteData(path, seed: 21, smallFiles: 20, largeMiB: 48);
        using var proxy = new FaultProxy(two.DestinationHost, 10002);
        proxy.HoldAfter(24 << 20);
        var taskId = await AddResumableTaskAsync("mismatch", proxy.Port);
        await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));
        var spooled = await SpoolFileAsync("mismatch", atLeast: 2 << 20);

        // A byte of what the destination holds goes bad (a disk, a bug): the resumed stream must not build on it.
        await using (var file = new FileStream(spooled, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            file.Position = 1 << 20;
            var bad = (byte)~file.ReadByte();
            file.Position = 1 << 20;
            file.WriteByte(bad);
        }

        proxy.Cut();
        proxy.HoldAfter(long.MaxValue);
        var run = await two.FinishedAsync(taskId, 1);

        two.AssertSucceeded(run);
        Assert.Equal(2, run.GetProperty("retries").GetInt32());
        Assert.Equal(0, run.GetProperty("resumedFrom").GetInt64());
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("mismatch")).GetProperty("path").GetString()!));
        var received = await ReceiveTrailAsync("mismatch");
        Assert.Equal(["succeeded", "failed", "failed"], received.Select(a => a.GetProperty("status").GetString()));
        Assert.Contains("does not begin with the", received[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal([(await two.NewestReplicaAsync("mismatch")).GetProperty("name").GetString()!], two.ReplicaFolder("mismatch"));
        Assert.False(Directory.Exists(two.Spool("mismatch")));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_run_that_gave_up_part_way_is_resumed_by_the_next_run_with_the_same_snapshot()
    {
        var path = await two.CreateShareAsync("later");
        WriteData(path, seed: 22, smallFiles: 20, largeMiB: 48);
        using var proxy = new FaultProxy(two.DestinationHost, 10002);
        proxy.HoldAfter(32 << 20);
        var taskId = await AddResumableTaskAsync("later", proxy.Port);
        await proxy.Held.WaitAsync(TimeSpan.FromMinutes(1));

        // The link stays down: every try stalls (5 s here) until the run gives up.
        proxy.Cut();
        var gaveUp = await two.FinishedAsync(taskId, 1, within: TimeSpan.FromMinutes(2));
        Assert.Equal("failed", gaveUp.GetProperty("status").GetString());
        Assert.Equal(3, gaveUp.GetProperty("retries").GetInt32());
        var snapshot = gaveUp.GetProperty("snapshot").GetString();

        proxy.Cut();
        proxy.HoldAfter(long.MaxValue);
        var next = await two.RunAsync(taskId, finishedBefore: 1);

        two.AssertSucceeded(next);
        Assert.Equal(snapshot, next.GetProperty("snapshot").GetString());
        Assert.True(next.GetProperty("resumedFrom").GetInt64() >= 24 << 20, next.ToString());
        Assert.Equal([snapshot], (await SnapshotsAsync(two.A, "later")).Select(s => s.GetProperty("name").GetString()));
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("later")).GetProperty("path").GetString()!));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_spool_nothing_came_for_in_two_weeks_is_deleted_when_the_destination_starts()
    {
        var spools = Path.Combine(two.Destination.Sandbox.MountRoot, Pool, ".spool");
        var abandoned = Path.Combine(spools, $"{SourceId}_deleted-task");
        var recent = Path.Combine(spools, $"{SourceId}_slow-task");
        foreach (var (folder, age) in new[] { (abandoned, TimeSpan.FromDays(15)), (recent, TimeSpan.FromDays(2)) })
        {
            Directory.CreateDirectory(folder);
            var stream = Path.Combine(folder, $"{Guid.NewGuid():D}.stream");
            await File.WriteAllBytesAsync(stream, new byte[4096]);
            File.SetLastWriteTimeUtc(stream, DateTime.UtcNow - age);
            Directory.SetLastWriteTimeUtc(folder, DateTime.UtcNow - age);
        }

        try
        {
            await two.RestartDestinationAsync();

            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(recent));
            Assert.Contains($"Deleted the spool {Pool}/{SourceId}_deleted-task", two.Destination.Log, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(recent, recursive: true);
        }
    }

    [Fact(Timeout = 300_000)]
    public async Task A_byte_flipped_on_the_link_is_rejected_nothing_is_put_in_place_and_the_retry_succeeds()
    {
        var path = await two.CreateShareAsync("flip");
        WriteData(path, seed: 23, smallFiles: 20, largeMiB: 16);
        using var proxy = new FaultProxy(two.DestinationHost, 10002);
        proxy.FlipAt(4 << 20);
        var taskId = await two.AddTaskAsync("flip", port: proxy.Port);

        var run = await two.FinishedAsync(taskId, 1);

        two.AssertSucceeded(run);
        Assert.Equal(1, run.GetProperty("retries").GetInt32());
        var received = await ReceiveTrailAsync("flip");
        Assert.Equal(["succeeded", "failed"], received.Select(a => a.GetProperty("status").GetString()));
        var replica = await two.NewestReplicaAsync("flip");
        Assert.Equal([replica.GetProperty("name").GetString()!], two.ReplicaFolder("flip"));
        Assert.Equal(Hashes(path), Hashes(replica.GetProperty("path").GetString()!));
    }

    [Fact(Timeout = 300_000)]
    public async Task Over_a_slow_distant_link_a_bandwidth_limit_holds_within_a_tenth()
    {
        var path = await two.CreateShareAsync("wan");
        WriteData(path, seed: 24, smallFiles: 20, largeMiB: 24);
        using var proxy = new FaultProxy(two.DestinationHost, 10002);
        proxy.Throttle(8_000_000);
        proxy.Delay(TimeSpan.FromMilliseconds(40));
        var added = await Ok(two.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share = "wan", targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 1440, port = proxy.Port, bandwidthLimitMBps = 3.0 }));

        var run = await two.FinishedAsync(added.GetProperty("id").GetInt32(), 1);

        two.AssertSucceeded(run);
        var received = (await ReceiveTrailAsync("wan"))[0];
        var rate = received.GetProperty("bytesPerSecond").GetInt64();
        output.WriteLine($"limit 3.0 MB/s over an 8 MB/s link with 40 ms: received at {rate / 1e6:0.00} MB/s, the run at {run.GetProperty("bytesPerSecond").GetInt64() / 1e6:0.00} MB/s");
        Assert.InRange(rate, 2_700_000, 3_300_000);
        Assert.Equal(Hashes(path), Hashes((await two.NewestReplicaAsync("wan")).GetProperty("path").GetString()!));
    }

    private async Task<int> AddResumableTaskAsync(string share, int port)
    {
        var task = await Ok(two.A.PostAsJsonAsync(
            "/api/replication/tasks",
            new { share, targetApplianceId = DestinationId, targetPool = Pool, frequencyMinutes = 1440, port, resumable = true }));
        Assert.True(task.GetProperty("resumable").GetBoolean());
        return task.GetProperty("id").GetInt32();
    }

    /// <summary>The spool file of the share's replica once it holds at least that much.</summary>
    private Task<string> SpoolFileAsync(string share, long atLeast) => Waiting.UntilAsync(
        () =>
        {
            var file = Directory.Exists(two.Spool(share)) ? Directory.EnumerateFiles(two.Spool(share), "*.stream").FirstOrDefault() : null;
            Assert.True(file is not null && new FileInfo(file).Length >= atLeast, $"No spool of {atLeast} bytes in {two.Spool(share)}");
            return file;
        },
        TimeSpan.FromSeconds(30));

    private async Task<List<JsonElement>> ReceiveTrailAsync(string share)
    {
        var receive = (await TrailAsync(two.B, "/api/replication/receives")).Single(r => r.GetProperty("sourceShare").GetString() == share);
        return await TrailAsync(two.B, $"/api/replication/receives/{receive.GetProperty("id").GetInt32()}/trail");
    }
}
