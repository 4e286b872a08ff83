using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Updates;

namespace Rockstor.Domain.Tests.Updates;

public sealed class UpdateServiceTests
{
    private const string Source = "deb [trusted=yes] http://127.0.0.1:8080/ ./";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 3, 30, 0, TimeSpan.Zero));
    private readonly FakePackageManager _packages = new() { Offer = new PackageOffer("2.0.0", "rockstor (2.0.0)\n  * Better.", "/tmp/rockstor_2.0.0_amd64.deb") };
    private readonly UpdateSettingsRecord _settings = new();
    private readonly StorageRecords _storage = new();
    private readonly TrailRecords _trails = new();
    private readonly PoolOperationRecords _operations = new();
    private readonly AlertsUnderTest _alerts;
    private readonly UpdateService _updates;

    public UpdateServiceTests()
    {
        _alerts = new AlertsUnderTest(_time);
        var queries = new ReplicationQueries(_storage, new IncomingReplicas(), _trails, new PairedAppliances(), new RefusalRecords(), new SnapshotRecords(), new ApplianceIdentity(new ThisAppliance()), new ReplicationEventBus());
        _updates = new UpdateService(_packages, _settings, _settings, queries, _operations, _alerts.Service, _time);
    }

    [Fact]
    public async Task A_newer_version_on_offer_is_shown_with_its_changelog_and_installed_on_request()
    {
        _updates.SaveSettings(new UpdateSettingsRequest(Source, null, null));

        var checkedStatus = await _updates.CheckAsync(CancellationToken.None);
        var started = await _updates.InstallAsync(CancellationToken.None);

        Assert.Equal(("1.0.0", "2.0.0"), (checkedStatus.Current, checkedStatus.Available));
        Assert.Contains("Better.", checkedStatus.Changelog);
        Assert.Equal("2.0.0", Assert.Single(_packages.Started).Version);
        Assert.Equal(UpdateState.Running, started.Progress.State);
        Assert.True(_updates.Running);
    }

    [Fact]
    public async Task No_update_starts_while_a_replication_run_is_going_on()
    {
        _updates.SaveSettings(new UpdateSettingsRequest(Source, null, null));
        await _updates.CheckAsync(CancellationToken.None);
        var task = _storage.AddTask("documents", "peer-1");
        _trails.Save(TrailSide.Send, new Attempt { OwnerId = task.Id, StartedAt = _time.GetUtcNow(), Status = AttemptStatus.Running });

        var refusal = await Assert.ThrowsAsync<ConflictException>(() => _updates.InstallAsync(CancellationToken.None));

        Assert.Contains("replication run of documents", refusal.Message);
        Assert.Empty(_packages.Started);
    }

    [Fact]
    public async Task No_update_starts_while_a_pool_operation_is_going_on()
    {
        _updates.SaveSettings(new UpdateSettingsRequest(Source, null, null));
        await _updates.CheckAsync(CancellationToken.None);
        _operations.Add(new PoolOperation { Id = 0, Pool = "pool1", Kind = PoolOperationKind.Scrub, State = PoolOperationState.Running, Detail = "scrub", StartedAt = _time.GetUtcNow() });

        var refusal = await Assert.ThrowsAsync<ConflictException>(() => _updates.InstallAsync(CancellationToken.None));

        Assert.Contains("scrub of pool pool1", refusal.Message);
        Assert.Empty(_packages.Started);
    }

    [Fact]
    public async Task An_appliance_not_installed_from_its_package_is_not_updated_and_says_why()
    {
        _packages.Installed = null;
        _updates.SaveSettings(new UpdateSettingsRequest(Source, null, null));

        var refusal = await Assert.ThrowsAsync<ValidationException>(() => _updates.CheckAsync(CancellationToken.None));

        Assert.Contains("not installed from its Debian package", refusal.Message);
    }

    [Theory]
    [InlineData("http://example.org/rockstor stable main")]
    [InlineData("deb ftp://example.org/rockstor stable main")]
    [InlineData("deb https://example.org/rockstor")]
    [InlineData("deb https://example.org/rockstor stable\ndeb http://evil/ ./")]
    public void A_source_that_is_not_one_apt_line_is_refused_and_nothing_is_saved(string source)
    {
        var refusal = Assert.Throws<ValidationException>(() => _updates.SaveSettings(new UpdateSettingsRequest(source, null, null)));

        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        Assert.Null(_settings.Stored.Source);
    }

    [Fact]
    public void Automatic_updates_need_a_source_and_a_window_of_hours()
    {
        Assert.Throws<ValidationException>(() => _updates.SaveSettings(new UpdateSettingsRequest(null, true, null)));
        Assert.Throws<ValidationException>(() => _updates.SaveSettings(new UpdateSettingsRequest(Source, true, "nightly")));

        var saved = _updates.SaveSettings(new UpdateSettingsRequest(Source, true, "23:00-01:00"));

        Assert.True(saved.Automatic);
        Assert.Equal(saved, _settings.Scheduled);
        Assert.True(saved.Window.Contains(new TimeOnly(0, 30)));
        Assert.False(saved.Window.Contains(new TimeOnly(1, 0)));
    }

    [Fact]
    public async Task Automatic_updates_install_only_inside_their_window()
    {
        _updates.SaveSettings(new UpdateSettingsRequest(Source, true, "03:00-05:00"));
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

        var outside = await _updates.RunAutomaticAsync(CancellationToken.None);
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero));
        var inside = await _updates.RunAutomaticAsync(CancellationToken.None);

        Assert.Contains("Outside the update window", outside.Message);
        Assert.Contains("Updating from 1.0.0 to 2.0.0", inside.Message);
        Assert.Single(_packages.Started);
    }

    [Fact]
    public async Task An_automatic_update_waits_for_a_pool_operation_and_tries_again_later()
    {
        _updates.SaveSettings(new UpdateSettingsRequest(Source, true, "03:00-05:00"));
        _operations.Add(new PoolOperation { Id = 0, Pool = "pool1", Kind = PoolOperationKind.Balance, State = PoolOperationState.Running, Detail = "balance", StartedAt = _time.GetUtcNow() });

        var outcome = await _updates.RunAutomaticAsync(CancellationToken.None);

        Assert.True(outcome.TryAgainLater);
        Assert.Empty(_packages.Started);
    }

    [Fact]
    public async Task A_version_that_was_rolled_back_is_not_installed_again_automatically()
    {
        _updates.SaveSettings(new UpdateSettingsRequest(Source, true, "03:00-05:00"));
        _packages.Progress = new UpdateProgress(UpdateState.RolledBack, "done", "1.0.0", "2.0.0", _time.GetUtcNow(), "Version 2.0.0 did not answer within 120 s. Version 1.0.0 was put back and runs.");

        var outcome = await _updates.RunAutomaticAsync(CancellationToken.None);

        Assert.Contains("rolled back before", outcome.Message);
        Assert.Empty(_packages.Started);
    }

    [Fact]
    public async Task A_rolled_back_update_raises_one_alert_and_the_next_update_that_succeeds_resolves_it()
    {
        _packages.Progress = new UpdateProgress(UpdateState.RolledBack, "done", "1.0.0", "2.0.0", _time.GetUtcNow(), "Version 2.0.0 did not answer within 120 s. Version 1.0.0 was put back and runs.");

        await _updates.FollowAsync(CancellationToken.None);
        await _updates.FollowAsync(CancellationToken.None); // read again, as after a restart
        var raised = Assert.Single(_alerts.Open(AlertKind.Update));
        _packages.Progress = new UpdateProgress(UpdateState.Succeeded, "done", "1.0.0", "2.0.1", _time.GetUtcNow(), "Version 2.0.1 runs.");
        await _updates.FollowAsync(CancellationToken.None);

        Assert.Contains("Version 1.0.0 was put back", raised.Message);
        Assert.Empty(_alerts.Open(AlertKind.Update));
        Assert.Equal([(AlertNoticeKind.Raised, "the update"), (AlertNoticeKind.Resolved, "the update")], _alerts.Told());
    }
}
