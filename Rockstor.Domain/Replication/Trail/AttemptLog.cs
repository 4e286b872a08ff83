using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Sending;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Replication.Trail;

/// <summary>
/// The one way an attempt is written down, on either side and by either kind of transfer (a run of a
/// task, a receive, both sides of a failback): started, told while it moves, ended with its rate; the
/// size estimate that gives percent and time left; the check that what arrived is what was sent; and a
/// refusal recorded with who asked before it goes back to them.
/// </summary>
public sealed class AttemptLog(ITrailRepository trails, IReplicationEvents events, IRefusalLog refusals, IBtrfs btrfs, TimeProvider time)
{
    /// <summary>How often a running attempt's counts are told to open screens.</summary>
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

    /// <summary>A new running attempt of <paramref name="ownerId"/> (not yet recorded: see <see cref="Save"/>).</summary>
    public Attempt Begin(int ownerId, string? snapshot = null, string? note = null) => new()
    {
        OwnerId = ownerId,
        StartedAt = time.GetUtcNow(),
        Status = AttemptStatus.Running,
        Snapshot = snapshot,
        Note = note,
    };

    /// <summary>A new running attempt, recorded at once.</summary>
    public Attempt Start(TrailSide side, int ownerId, string? snapshot = null, string? note = null)
    {
        var attempt = Begin(ownerId, snapshot, note);
        Save(side, attempt);
        return attempt;
    }

    /// <summary>Records an attempt that did not run, and why.</summary>
    public Attempt Skip(TrailSide side, int ownerId, string reason)
    {
        var now = time.GetUtcNow();
        var attempt = new Attempt { OwnerId = ownerId, StartedAt = now, EndedAt = now, Status = AttemptStatus.Skipped, Error = reason };
        Save(side, attempt);
        return attempt;
    }

    /// <summary>Records the attempt as it stands and tells open screens.</summary>
    public void Save(TrailSide side, Attempt attempt)
    {
        trails.Save(side, attempt);
        events.AttemptChanged(side, attempt);
    }

    /// <summary>Ends the attempt (its end time and rate) and records it; <paramref name="error"/> only when it failed.</summary>
    public void End(TrailSide side, Attempt attempt, AttemptStatus status, string? error = null)
    {
        Close(attempt, status, error);
        Save(side, attempt);
    }

    /// <summary>Ends the attempt without recording it (for a side that keeps no trail of it).</summary>
    public void Close(Attempt attempt, AttemptStatus status, string? error = null)
    {
        attempt.Status = status;
        attempt.Error = status == AttemptStatus.Succeeded ? null : error;
        attempt.EndedAt = time.GetUtcNow();
        attempt.BytesPerSecond = ReplicationRules.Rate(attempt.Bytes, attempt.EndedAt.Value - attempt.StartedAt);
    }

    /// <summary>Takes a received stream's counts into the attempt.</summary>
    public static void Count(Attempt attempt, ReceivedStream stream)
    {
        attempt.Bytes = stream.Received;
        attempt.StreamBytes = stream.StreamReceived;
        attempt.ExpectedBytes = Math.Max(attempt.ExpectedBytes, stream.ExpectedBytes);
    }

    /// <summary>The newest attempt that succeeded: the last backup.</summary>
    public Attempt? LastSucceeded(TrailSide side, int ownerId) => trails.LatestSucceeded(side, ownerId);

    /// <summary>
    /// Keeps a sending attempt's counts as the transfer reports them and tells open screens at most four
    /// times a second; <paramref name="moved"/> hears every report (a stall watchdog's measure).
    /// </summary>
    public IProgress<TransferCount> Progress(TrailSide side, Attempt attempt, Action<TransferCount>? moved = null) =>
        new ProgressReporter(side, attempt, events, time, ProgressEvery, moved);

    /// <summary>Tells open screens a receiving attempt's counts four times a second, until disposed.</summary>
    public IDisposable Ticker(TrailSide side, Attempt attempt, ReceivedStream stream) =>
        time.CreateTimer(
            _ => events.Progress(AttemptProgress.Of(side, attempt, stream.Received, stream.StreamReceived, stream.ExpectedBytes, time.GetUtcNow())),
            null,
            ProgressEvery,
            ProgressEvery);

    /// <summary>
    /// The size of a snapshot's send stream from a metadata-only send, for percent and time left; kept in
    /// the attempt. A failure here only costs the estimate (0): the send itself says what is wrong.
    /// </summary>
    public async Task<long> EstimateAsync(Attempt attempt, string snapshot, string? parent, CancellationToken ct)
    {
        try
        {
            attempt.ExpectedBytes = await btrfs.EstimateSendAsync(snapshot, parent, ct).ConfigureAwait(false);
            return attempt.ExpectedBytes;
        }
        catch (Exception e) when (e is StorageCommandException or OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The faithful-copy check: after the stream ended, its length and SHA-256 must be what the sender
    /// announced, or nothing made of it is kept (<paramref name="outcome"/> says so in the refusal).
    /// </summary>
    public static void RequireFaithful(ReceivedStream stream, string outcome = "nothing was kept")
    {
        if (!stream.Intact)
        {
            throw new ReplicationRefusedException($"The stream that arrived is not the one sent (its length or SHA-256 differs); {outcome}.");
        }
    }

    /// <summary>Records a refusal of a connection that could not say who it is (not a paired appliance).</summary>
    public void Refused(string from, string reason) => refusals.Add(new Refusal(time.GetUtcNow(), from, null, reason));

    /// <summary>Records a paired appliance's request refused, and why.</summary>
    public void Refused(PairedAppliance sender, string reason) => refusals.Add(new Refusal(time.GetUtcNow(), sender.Host, sender.Id, reason));

    /// <summary>Records the refusal with who asked, and gives the refusal to send back to them.</summary>
    public ReplicationRefusedException Refuse(PairedAppliance sender, RockstorException reason)
    {
        Refused(sender, reason.Message);
        return reason as ReplicationRefusedException ?? new ReplicationRefusedException(reason.Message);
    }

    /// <summary>Runs a check; what it refuses (or a bad name it finds) is recorded with who asked and goes back as a refusal.</summary>
    public T Refusing<T>(PairedAppliance sender, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (RockstorException e)
        {
            throw Refuse(sender, e);
        }
    }
}
