using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// Two paired appliances on one fake clock: <see cref="A"/> (nas1) replicates its share "docs" with task 1
/// into pool "tank" of <see cref="B"/> (nas2), through A's in-process link to B's receiver.
/// </summary>
public sealed class ReplicationScene
{
    public const string Share = "docs";

    /// <summary>Noon, 24 November 2026 (UTC).</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly RetryPolicy _retry;
    private readonly Dictionary<TimeSpan, int> _waitedOut = [];

    private ReplicationScene(SceneClock time, RetryPolicy retry, Appliance a, Appliance b)
    {
        Time = time;
        _retry = retry;
        A = a;
        B = b;
    }

    public SceneClock Time { get; }

    /// <summary>The source, nas1.</summary>
    public Appliance A { get; }

    /// <summary>The destination, nas2.</summary>
    public Appliance B { get; }

    /// <summary>Where B keeps what A's "docs" became.</summary>
    public string ReplicaShare => ReplicationNames.ReplicaShare(A.Id, Share);

    /// <summary>A as B knows it (who B's receiver records a refusal from).</summary>
    public PairedAppliance SenderAtB => B.Paired.Find(A.Id)!;

    /// <summary>
    /// The scene with task 1 (keeping <paramref name="keep"/>) and "docs" holding "docs v1". A run tries again
    /// at most <paramref name="maxRetries"/> times, after 1, 2, 4... s, and a try is stalled after 2 minutes.
    /// </summary>
    public static async Task<ReplicationScene> StartAsync(int keep = 5, int maxRetries = 6, bool serviceOn = true)
    {
        var time = new SceneClock(Start);
        var retry = RetryPolicy.Default with { MaxRetries = maxRetries };
        var a = await Appliance.StartAsync("0f3a9c2e", "nas1", "10.0.0.1", time, retry, serviceOn);
        var b = await Appliance.StartAsync("123e4567", "nas2", "10.0.0.2", time, retry);
        a.Paired.Add(b.Id, b.Hostname, b.Host);
        b.Paired.Add(a.Id, a.Hostname, a.Host);
        a.Transport.Link(b.Id, b.Receiver, b.Paired.Find(a.Id)!);
        b.Transport.Link(a.Id, a.Receiver, a.Paired.Find(b.Id)!);
        await a.ShareAsync(Share, "docs v1");
        a.Records.AddTask(Share, b.Id, keep);
        return new ReplicationScene(time, retry, a, b);
    }

    /// <summary>Runs A's task now, as asked for (not by the schedule) unless told otherwise.</summary>
    public Task<Attempt?> RunAsync(int taskId = 1, bool requested = true, CancellationToken ct = default) =>
        A.Runner.RunAsync(taskId, requested, ct);

    /// <summary>Runs task 1 <paramref name="runs"/> times, an hour apart (the clock moves on after each), and returns their attempts.</summary>
    public async Task<IReadOnlyList<Attempt>> RunHourlyAsync(int runs)
    {
        var attempts = new List<Attempt>();
        for (var i = 0; i < runs; i++)
        {
            attempts.Add((await RunAsync())!);
            Time.Advance(TimeSpan.FromHours(1));
        }

        return attempts;
    }

    /// <summary>Waits until a run has begun its wait before retry number <paramref name="retry"/> (1 for the first), and lets that wait pass.</summary>
    public async Task WaitOutRetryAsync(int retry)
    {
        var wait = _retry.Delay(retry);
        _waitedOut[wait] = _waitedOut.GetValueOrDefault(wait) + 1;
        await Time.OneShotMadeAsync(wait, _waitedOut[wait]);
        Time.Advance(wait);
    }

    /// <summary>Changes what A's "docs" holds (a user writing to it).</summary>
    public void WriteDocs(string content) => A.Btrfs.Write(A.Layout.SharePath(Appliance.Pool, Share), content);

    /// <summary>What B's replica snapshot holds.</summary>
    public string ReplicaContent(string snapshot) => B.Btrfs.Content(B.Snapshot(ReplicaShare, snapshot).Path);

    /// <summary>A read-only snapshot of A's "docs" named as task 1 names them, at the current time.</summary>
    public Task<Snapshot> SnapshotAtAAsync(int taskId = 1) =>
        A.SnapshotService.CreateAsync(Share, ReplicationNames.Snapshot(taskId, Time.GetUtcNow()), writable: false, CancellationToken.None);

    /// <summary>The hello A's task sends B.</summary>
    public static ReplicationHello Hello(int taskId = 1, int keep = 5, string pool = Appliance.Pool, string share = Share) => new(taskId, share, pool, RetentionPolicy.KeepLast(keep));

    /// <summary>An offer of A's snapshot (relative to <paramref name="parent"/>, a full send when null).</summary>
    public static ReplicationOffer Offer(Snapshot snapshot, Snapshot? parent = null, bool resumable = false) =>
        new(snapshot.Name, snapshot.Uuid, parent?.Uuid, resumable);

    /// <summary>
    /// Hands B's receiver an offer of A's snapshot and then its stream (through <paramref name="fault"/>), as
    /// B's listener would for one connection of task <paramref name="taskId"/>; returns the verdict.
    /// </summary>
    public async Task<ReplicationVerdict> ReceiveAtBAsync(Snapshot snapshot, Snapshot? parent = null, int taskId = 1, int keep = 5, LinkFault? fault = null, CancellationToken ct = default)
    {
        var plan = await B.Receiver.OfferAsync(SenderAtB, Hello(taskId, keep), Offer(snapshot, parent), ct);
        await using var stream = new WireStream(StreamOf(snapshot, parent), fault ?? LinkFault.None, plan.Resume);
        return await B.Receiver.ReceiveAsync(plan, stream, new ProgressRecorder<long>(), ct);
    }

    /// <summary>The send stream A's btrfs makes of the snapshot (relative to the parent).</summary>
    public byte[] StreamOf(Snapshot snapshot, Snapshot? parent = null) => A.Btrfs.StreamOf(snapshot.Path, parent?.Path);
}
