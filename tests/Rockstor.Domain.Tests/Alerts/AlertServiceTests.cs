using System.Net;
using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Tests.Alerts;

public sealed class AlertServiceTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly AlertRecords _alerts = new();
    private readonly AlertSettingsRecord _settings = new();
    private readonly RecordingChannel _email = new("email");
    private readonly RecordingChannel _webhook = new("webhook");
    private readonly StorageRecords _tasks = new();
    private readonly TrailRecords _trails = new();
    private readonly AlertService _service;

    public AlertServiceTests()
    {
        _service = new AlertService(_alerts, _settings, [_email, _webhook], _tasks, _trails, Nas2(), new TaskSchedule(new Hourly()), new ApplianceIdentity(new ThisAppliance()), new Resolver(), _time);
    }

    [Fact]
    public async Task A_failed_run_is_told_once_until_a_success_resolves_it_and_that_is_told_too()
    {
        var task = HourlyTask(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));
        var changes = 0;
        _service.Changed += () => changes++;

        await _service.RunEndedAsync(task, Attempt(task, AttemptStatus.Failed, "nas2 refused: Pool 'gone' does not exist"), default);
        _time.Advance(TimeSpan.FromHours(1));
        await _service.RunEndedAsync(task, Attempt(task, AttemptStatus.Failed, "nas2 refused: Pool 'gone' does not exist"), default);

        var alert = Assert.Single(_service.List(openOnly: true));
        Assert.Equal((AlertKind.RunFailed, "docs to nas2 (pool tank)", "nas2 refused: Pool 'gone' does not exist"), (alert.Kind, alert.Subject, alert.Message));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), alert.NotifiedAt);
        Assert.Null(alert.NotifyError);
        Assert.Equal([AlertNoticeKind.Raised], _email.Told.Select(n => n.Kind));
        Assert.Equal([AlertNoticeKind.Raised], _webhook.Told.Select(n => n.Kind));
        Assert.Equal(("0f3a9c2e", "nas1"), (_email.Told[0].ApplianceId, _email.Told[0].ApplianceHostname));

        await _service.RunEndedAsync(task, Attempt(task, AttemptStatus.Succeeded), default);

        Assert.Empty(_service.List(openOnly: true));
        Assert.Equal(_time.GetUtcNow(), Assert.Single(_service.List(openOnly: false)).ResolvedAt);
        Assert.Equal([AlertNoticeKind.Raised, AlertNoticeKind.Resolved], _email.Told.Select(n => n.Kind));
        Assert.Equal(0, _service.OpenCount());
        Assert.True(changes >= 3, $"{changes} changes heard");

        await _service.RunEndedAsync(task, Attempt(task, AttemptStatus.Failed, "again"), default);
        Assert.Equal("again", Assert.Single(_service.List(openOnly: true)).Message); // a new failure after a resolve is a new alert
    }

    [Fact]
    public async Task A_channel_that_fails_is_recorded_on_the_alert_and_does_not_stop_the_other()
    {
        var task = HourlyTask(_time.GetUtcNow());
        _email.Failure = "mail.example.com:587 did not take the mail within 20 s.";

        await _service.RunEndedAsync(task, Attempt(task, AttemptStatus.Failed, "cut"), default);

        var alert = Assert.Single(_service.List(openOnly: true));
        Assert.Equal("email: mail.example.com:587 did not take the mail within 20 s.", alert.NotifyError);
        Assert.NotNull(alert.NotifiedAt);
        Assert.Single(_webhook.Told);
    }

    [Fact]
    public async Task A_task_without_a_good_snapshot_for_three_intervals_is_stale_once()
    {
        var task = HourlyTask(_time.GetUtcNow().AddDays(-10));
        Succeeded(task.Id, _time.GetUtcNow().AddHours(-2).AddMinutes(-59));

        await _service.CheckStalenessAsync(default);
        Assert.Empty(_service.List(openOnly: true));

        _time.Advance(TimeSpan.FromMinutes(2));
        await _service.CheckStalenessAsync(default);
        await _service.CheckStalenessAsync(default);

        var alert = Assert.Single(_service.List(openOnly: true));
        Assert.Equal(AlertKind.Stale, alert.Kind);
        Assert.StartsWith("No good snapshot has reached the destination for 3 h 1 min (the last: 2026-11-24 09:01:00Z)", alert.Message, StringComparison.Ordinal);
        Assert.EndsWith("the task should run at least every 1 h.", alert.Message, StringComparison.Ordinal);
        Assert.Single(_email.Told);
    }

    [Fact]
    public async Task A_window_stretches_the_interval_and_a_disabled_task_is_never_stale()
    {
        var windowed = HourlyTask(_time.GetUtcNow().AddDays(-10), ReplicationWindow.Parse("22:00", "06:00"));
        var disabled = _tasks.ChangeTask(HourlyTask(_time.GetUtcNow().AddDays(-10)).Id, t => t.Enabled = false);
        Succeeded(windowed.Id, _time.GetUtcNow().AddHours(-40)); // hourly from 22:00 to 05:00: the longest wait is 17 h

        await _service.CheckStalenessAsync(default);
        Assert.Empty(_service.List(openOnly: true));

        _time.Advance(TimeSpan.FromHours(12));
        await _service.CheckStalenessAsync(default);
        Assert.Equal([windowed.Id], _service.List(openOnly: true).Select(a => a.TaskId));
        Assert.EndsWith("every 17 h.", _service.List(openOnly: true)[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_task_s_alerts_are_resolved_without_telling_anyone()
    {
        var task = HourlyTask(_time.GetUtcNow());
        await _service.RunEndedAsync(task, Attempt(task, AttemptStatus.Failed, "cut"), default);

        await _service.TaskDeletedAsync(task.Id, default);

        Assert.Empty(_service.List(openOnly: true));
        Assert.Equal([AlertNoticeKind.Raised], _email.Told.Select(n => n.Kind));
    }

    [Fact]
    public async Task A_test_goes_through_each_channel_set_up_and_says_how_each_went()
    {
        _webhook.Configured = false;
        Assert.Equal([new ChannelResult("email", null)], await _service.TestAsync(default));
        Assert.Equal(AlertNoticeKind.Test, Assert.Single(_email.Told).Kind);
        Assert.Empty(_service.List(openOnly: false)); // a test is no alert

        _email.Configured = false;
        var none = await Assert.ThrowsAsync<ValidationException>(() => _service.TestAsync(default));
        Assert.Contains("No alert channel is set up", none.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook")]
    [InlineData("http://127.8.9.10/hook")]
    [InlineData("http://[::1]:9000/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("https://sneaky.example.com/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task A_webhook_on_this_machine_is_refused_unless_the_settings_allow_it(string url)
    {
        var refused = await Assert.ThrowsAsync<ValidationException>(() => _service.SaveSettingsAsync(Webhook(url, allowLoopback: null), default));

        Assert.Contains("is this appliance (a loopback address", refused.Message, StringComparison.Ordinal);
        Assert.Null(_settings.Saved);

        var saved = await _service.SaveSettingsAsync(Webhook(url, allowLoopback: true), default);

        Assert.Equal((new Uri(url), true), (saved.WebhookUrl, saved.AllowLoopbackWebhook));
        Assert.Equal(saved, _settings.Saved);
    }

    [Theory]
    [InlineData("https://hooks.example.com/rockstor")]
    [InlineData("http://10.231.7.1:8080/hook")]
    [InlineData("https://not-yet-in-dns.example.com/hook")]
    public async Task A_webhook_elsewhere_is_saved_without_asking(string url)
    {
        var saved = await _service.SaveSettingsAsync(Webhook(url, allowLoopback: null), default);

        Assert.Equal((new Uri(url), false), (saved.WebhookUrl, saved.AllowLoopbackWebhook));
    }

    [Fact]
    public async Task A_pool_s_alert_is_raised_once_per_kind_kept_apart_from_the_tasks_and_resolved_by_itself()
    {
        await _service.RaiseForPoolAsync(AlertKind.ScrubErrors, "tank", "2 error(s) found, all corrected from a good copy.", default);
        await _service.RaiseForPoolAsync(AlertKind.ScrubErrors, "tank", "again", default);
        await _service.RaiseForPoolAsync(AlertKind.DeviceErrors, "tank", "btrfs counted new errors", default);
        await _service.ResolveForPoolAsync(AlertKind.ScrubErrors, "tank", default);

        var open = Assert.Single(_service.List(openOnly: true));
        Assert.Equal((AlertKind.DeviceErrors, "tank", 0, "pool tank"), (open.Kind, open.Pool, open.TaskId, open.Subject));
        Assert.Equal(2, _service.List(openOnly: false).Count);
        await _service.TaskDeletedAsync(0, default); // a task's resolution never touches a pool's alerts
        Assert.Single(_service.List(openOnly: true));
    }

    private Attempt Attempt(ReplicationTask task, AttemptStatus status, string? error = null) =>
        new() { OwnerId = task.Id, StartedAt = _time.GetUtcNow(), EndedAt = _time.GetUtcNow(), Status = status, Error = error };

    private static AlertSettingsRequest Webhook(string url, bool? allowLoopback) =>
        new(null, null, null, null, null, null, null, url, allowLoopback);

    /// <summary>A few names as DNS would answer them.</summary>
    private sealed class Resolver : IHostResolver
    {
        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken ct) => Task.FromResult<IReadOnlyList<IPAddress>>(host switch
        {
            "hooks.example.com" => [IPAddress.Parse("192.0.2.7")],
            "localhost" => [IPAddress.Loopback, IPAddress.IPv6Loopback],
            "sneaky.example.com" => [IPAddress.Parse("192.0.2.8"), IPAddress.Parse("127.0.0.2")],
            _ when IPAddress.TryParse(host, out var literal) => [literal],
            _ => [],
        });
    }

    /// <summary>An hourly task of share "docs" to nas2, made at <paramref name="created"/>.</summary>
    private ReplicationTask HourlyTask(DateTimeOffset created, ReplicationWindow? window = null) =>
        _tasks.ChangeTask(_tasks.AddTask("docs", "123e4567", createdAt: created).Id, t => t.Window = window);

    /// <summary>Records a run of the task that succeeded at <paramref name="at"/>.</summary>
    private void Succeeded(int taskId, DateTimeOffset at) =>
        _trails.Save(TrailSide.Send, new Attempt { OwnerId = taskId, StartedAt = at, EndedAt = at, Status = AttemptStatus.Succeeded });

    private static PairedAppliances Nas2()
    {
        var appliances = new PairedAppliances();
        appliances.Add("123e4567", "nas2");
        return appliances;
    }

    /// <summary>A calendar on which every schedule runs on the hour.</summary>
    private sealed class Hourly : ICronCalendar
    {
        public string? Problem(string expression) => null;

        public IEnumerable<DateTimeOffset> Occurrences(string expression, DateTimeOffset from, DateTimeOffset to)
        {
            for (var at = new DateTimeOffset(from.Year, from.Month, from.Day, from.Hour, 0, 0, TimeSpan.Zero).AddHours(1); at < to; at = at.AddHours(1))
            {
                yield return at;
            }
        }
    }
}
