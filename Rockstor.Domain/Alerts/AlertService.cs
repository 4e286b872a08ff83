using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Alerts;
/// <summary>
/// Raises alerts about replication tasks (a failed run; no good snapshot for three times the task's
/// interval), about pools, disks, services and the certificate (for the watches that find them), tells
/// each once through the configured channels, and resolves them when the condition clears. Alerts are
/// shown in the web-ui whatever the channels.
/// </summary>
public sealed class AlertService(
    IAlertRepository alerts,
    IAlertSettingsStore settings,
    IEnumerable<IAlertChannel> channels,
    IReplicationTaskRepository tasks,
    ITrailRepository trails,
    IPairedApplianceRepository appliances,
    TaskSchedule schedule,
    ApplianceIdentity identity,
    IHostResolver resolver,
    TimeProvider time)
{
    /// <summary>A task is stale when nothing good arrived for this many of its intervals.</summary>
    public const int StaleAfterIntervals = 3;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>An alert was raised, told or resolved.</summary>
    public event Action? Changed;

    public IReadOnlyList<Alert> List(bool openOnly, int take = 200) => alerts.List(openOnly, Math.Clamp(take, 1, 1000));

    public int OpenCount() => alerts.CountOpen();

    public AlertSettings Settings() => settings.Load();

    /// <summary>Checks and saves the settings; a webhook on this machine is refused unless they allow it.</summary>
    public async Task<AlertSettings> SaveSettingsAsync(AlertSettingsRequest request, CancellationToken ct)
    {
        var saved = request.Validate(settings.Load());
        if (saved.WebhookUrl is { } url && !saved.AllowLoopbackWebhook)
        {
            // A name DNS does not know yet passes here; the webhook channel checks again when it connects.
            var addresses = await resolver.ResolveAsync(WebhookTarget.Host(url), ct).ConfigureAwait(false);
            if (WebhookTarget.Refusal(url, addresses, allowLoopback: false) is { } refusal)
            {
                throw new ValidationException(refusal);
            }
        }

        settings.Save(saved);
        return saved;
    }

    /// <summary>Sends a test notice through every configured channel and says how each went.</summary>
    public async Task<IReadOnlyList<ChannelResult>> TestAsync(CancellationToken ct)
    {
        var current = settings.Load();
        var configured = channels.Where(c => c.IsConfigured(current)).ToList();
        if (configured.Count == 0)
        {
            throw new ValidationException("No alert channel is set up: give an SMTP server and recipients, or a webhook address, and save first.");
        }

        var test = new Alert
        {
            Kind = AlertKind.RunFailed,
            TaskId = 0,
            Subject = "a test of the alert settings",
            Message = "This is a test: alerts from this appliance reach you this way.",
            RaisedAt = time.GetUtcNow(),
        };
        var results = new List<ChannelResult>();
        foreach (var channel in configured)
        {
            results.Add(new ChannelResult(channel.Name, await TellAsync(channel, test, AlertNoticeKind.Test, current, ct).ConfigureAwait(false)));
        }

        return results;
    }

    /// <summary>After a run: a failure raises an alert (once until resolved), a success resolves the task's alerts.</summary>
    public Task RunEndedAsync(ReplicationTask task, Attempt attempt, CancellationToken ct) => attempt.Status switch
    {
        AttemptStatus.Failed => RaiseAsync(AlertKind.RunFailed, task, attempt.Error ?? "The run failed.", ct),
        AttemptStatus.Succeeded => ResolveAsync(task.Id, tell: true, ct),
        _ => Task.CompletedTask,
    };

    /// <summary>Raises a stale alert for each enabled task whose last good snapshot is older than three of its intervals.</summary>
    public async Task CheckStalenessAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        foreach (var task in tasks.List().Where(t => t.Enabled))
        {
            if (alerts.FindOpen(AlertKind.Stale, task.Id) is not null || LongestGap(task, now) is not { } interval)
            {
                continue;
            }

            var lastGood = trails.LatestSucceeded(TrailSide.Send, task.Id)?.EndedAt ?? task.CreatedAt;
            if (now - lastGood > interval * StaleAfterIntervals)
            {
                await RaiseAsync(
                        AlertKind.Stale,
                        task,
                        $"No good snapshot has reached the destination for {Span(now - lastGood)} (the last: {(lastGood == task.CreatedAt ? "none since the task was made" : lastGood.ToString("u", System.Globalization.CultureInfo.InvariantCulture))}); the task should run at least every {Span(interval)}.",
                        ct)
                    .ConfigureAwait(false);
            }
        }
    }

    /// <summary>A deleted task's alerts are resolved without telling anyone.</summary>
    public Task TaskDeletedAsync(int taskId, CancellationToken ct) => ResolveAsync(taskId, tell: false, ct);

    /// <summary>"20 min", "3 h", "3 h 20 min", "2 d", "2 d 4 h".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalMinutes: < 60 } => $"{Math.Max(1, (int)span.TotalMinutes)} min",
        { TotalHours: < 48 } => span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => span.Hours == 0 ? $"{(int)span.TotalDays} d" : $"{(int)span.TotalDays} d {span.Hours} h",
    };

    /// <summary>
    /// The longest wait between two runs the task's schedule makes (in its window), looking ahead a week
    /// and a day, or a year for schedules sparser than that; null when it runs less than twice a year.
    /// </summary>
    private TimeSpan? LongestGap(ReplicationTask task, DateTimeOffset now)
    {
        foreach (var ahead in (ReadOnlySpan<int>)[8, 400])
        {
            var runs = schedule.Occurrences(task.FrequencyMinutes, task.Cron, now, now.AddDays(ahead))
                .Where(o => task.Window?.Contains(o) ?? true)
                .ToList();
            if (runs.Count >= 2)
            {
                return runs.Zip(runs.Skip(1), (a, b) => b - a).Max();
            }
        }

        return null;
    }

    /// <summary>
    /// Raises an alert about a pool (once until resolved), told through the channels. With
    /// <paramref name="replaceUnlessItSays"/>, an open one whose message does not say it (the condition
    /// changed its nature: 80% then 90%, not mounted then degraded) is closed without a "resolved" notice
    /// and the new one told, so the admin hears of the change and is never told it is over when it is not.
    /// </summary>
    public Task RaiseForPoolAsync(AlertKind kind, string pool, string message, CancellationToken ct, string? replaceUnlessItSays = null) =>
        RaiseAsync(
            () => alerts.FindOpen(kind, pool),
            () => new Alert { Kind = kind, TaskId = 0, Pool = pool, Subject = $"pool {pool}", Message = message, RaisedAt = time.GetUtcNow() },
            ct,
            replaceUnlessItSays);

    /// <summary>The pool's open alert of this kind, if any.</summary>
    public Alert? OpenFor(AlertKind kind, string pool) => alerts.FindOpen(kind, pool);

    /// <summary>Resolves the pool's open alert of this kind, telling the channels that told it (unless <paramref name="tell"/> is false: the pool was deleted).</summary>
    public Task ResolveForPoolAsync(AlertKind kind, string pool, CancellationToken ct, bool tell = true) => ResolveOneAsync(() => alerts.FindOpen(kind, pool), tell, ct);

    /// <summary>
    /// Raises an alert about something that is neither a task nor a pool (once until resolved), told
    /// through the channels: <paramref name="about"/> is its key ("disk:WD-123", "service:samba").
    /// </summary>
    public Task RaiseAboutAsync(AlertKind kind, string about, string subject, string message, CancellationToken ct, string? replaceUnlessItSays = null) =>
        RaiseAsync(
            () => alerts.FindOpenAbout(kind, about),
            () => new Alert { Kind = kind, TaskId = 0, About = about, Subject = subject, Message = message, RaisedAt = time.GetUtcNow() },
            ct,
            replaceUnlessItSays);

    /// <summary>The open alert of this kind about <paramref name="about"/>, if any.</summary>
    public Alert? OpenAbout(AlertKind kind, string about) => alerts.FindOpenAbout(kind, about);

    /// <summary>Resolves the open alert of this kind about <paramref name="about"/>, telling the channels that told it.</summary>
    public Task ResolveAboutAsync(AlertKind kind, string about, CancellationToken ct) => ResolveOneAsync(() => alerts.FindOpenAbout(kind, about), tell: true, ct);

    /// <summary>The alerts raised since a time, open or resolved, oldest first.</summary>
    public IReadOnlyList<Alert> RaisedSince(DateTimeOffset since) => alerts.RaisedSince(since);

    private async Task ResolveOneAsync(Func<Alert?> open, bool tell, CancellationToken ct)
    {
        Alert? resolved;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            resolved = open();
            if (resolved is not null)
            {
                resolved.ResolvedAt = time.GetUtcNow();
                alerts.Save(resolved);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (resolved is not null)
        {
            Changed?.Invoke();
            if (tell)
            {
                await TellResolvedAsync([resolved], ct).ConfigureAwait(false);
            }
        }
    }

    private Task RaiseAsync(AlertKind kind, ReplicationTask task, string message, CancellationToken ct) =>
        RaiseAsync(
            () => alerts.FindOpen(kind, task.Id),
            () => new Alert { Kind = kind, TaskId = task.Id, Subject = Subject(task), Message = message, RaisedAt = time.GetUtcNow() },
            ct);

    private async Task RaiseAsync(Func<Alert?> open, Func<Alert> raise, CancellationToken ct, string? replaceUnlessItSays = null)
    {
        Alert alert;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (open() is { } existing)
            {
                if (replaceUnlessItSays is null || existing.Message.Contains(replaceUnlessItSays, StringComparison.Ordinal))
                {
                    return; // told once, until resolved
                }

                existing.ResolvedAt = time.GetUtcNow(); // replaced by the news below, without a "resolved" notice
                alerts.Save(existing);
            }

            alert = raise();
            alerts.Save(alert);
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke();
        var current = settings.Load();
        var errors = new List<string>();
        foreach (var channel in channels.Where(c => c.IsConfigured(current)))
        {
            if (await TellAsync(channel, alert, AlertNoticeKind.Raised, current, ct).ConfigureAwait(false) is { } error)
            {
                errors.Add($"{channel.Name}: {error}");
            }
            else
            {
                alert.NotifiedAt ??= time.GetUtcNow();
            }
        }

        alert.NotifyError = errors.Count > 0 ? string.Join("; ", errors) : null;
        alerts.Save(alert);
        Changed?.Invoke();
    }

    private async Task ResolveAsync(int taskId, bool tell, CancellationToken ct)
    {
        List<Alert> resolved;
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            resolved = alerts.OpenFor(taskId).ToList();
            foreach (var alert in resolved)
            {
                alert.ResolvedAt = time.GetUtcNow();
                alerts.Save(alert);
            }
        }
        finally
        {
            _gate.Release();
        }

        if (resolved.Count == 0)
        {
            return;
        }

        Changed?.Invoke();
        if (tell)
        {
            await TellResolvedAsync(resolved, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Tells the channels that an alert they were told of is resolved.</summary>
    private async Task TellResolvedAsync(IReadOnlyList<Alert> resolved, CancellationToken ct)
    {
        var current = settings.Load();
        foreach (var alert in resolved.Where(a => a.NotifiedAt is not null))
        {
            foreach (var channel in channels.Where(c => c.IsConfigured(current)))
            {
                await TellAsync(channel, alert, AlertNoticeKind.Resolved, current, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Tells one channel; returns why it failed, or null.</summary>
    private async Task<string?> TellAsync(IAlertChannel channel, Alert alert, AlertNoticeKind kind, AlertSettings current, CancellationToken ct)
    {
        var me = identity.Current;
        try
        {
            await channel.SendAsync(new AlertNotice(alert, kind, me.Id, me.Hostname ?? me.Id), current, ct).ConfigureAwait(false);
            return null;
        }
#pragma warning disable CA1031 // A channel that fails (a mail server down, a webhook refusing) must not stop the others; its reason is kept.
        catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return e.Message;
        }
    }

    private string Subject(ReplicationTask task) =>
        $"{task.Share} to {(identity.IsOwn(task.TargetApplianceId) ? LocalTarget.Name : appliances.Find(task.TargetApplianceId)?.Hostname ?? task.TargetApplianceId)} (pool {task.TargetPool})";
}
