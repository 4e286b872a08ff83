using Rockstor.Domain.Alerts;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Domain.Updates;

/// <summary>
/// Updates of the appliance from its package source (ADR-038): reads the source for a newer version,
/// starts the updater (which runs outside this process, since it restarts the appliance), follows its
/// progress, and raises an alert when an update had to be rolled back. Never while a replication run or
/// a pool operation is going on.
/// </summary>
public sealed class UpdateService(
    IPackageManager packages,
    IUpdateSettingsStore store,
    IUpdateScheduler scheduler,
    ReplicationQueries replication,
    IPoolOperationRepository operations,
    AlertService alerts,
    TimeProvider time)
{
    public const string AlertKey = "update";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private PackageOffer? _offer;
    private DateTimeOffset? _checkedAt;
    private string? _checkError;
    private UpdateProgress _progress = UpdateProgress.Idle;

    /// <summary>Raised when the offer or the updater's progress changed.</summary>
    public event Action? Changed;

    /// <summary>Whether the updater is at work (its progress is then worth following).</summary>
    public bool Running => _progress.State == UpdateState.Running;

    public UpdateSettings Settings() => store.Load();

    public UpdateSettings SaveSettings(UpdateSettingsRequest request)
    {
        var current = store.Load();
        var source = request.Source switch
        {
            null => current.Source,
            "" => null,
            var line => UpdateSource.Validate(line),
        };
        var window = request.Window is null ? current.Window : UpdateWindow.Parse(request.Window);
        var automatic = request.Automatic ?? current.Automatic;
        if (automatic && source is null)
        {
            throw new ValidationException("Automatic updates need a package source: give one first.");
        }

        var settings = new UpdateSettings(source, automatic, window);
        store.Save(settings);
        scheduler.Schedule(settings);
        if (source != current.Source)
        {
            _offer = null;
            _checkedAt = null;
            _checkError = null;
        }

        Changed?.Invoke();
        return settings;
    }

    public async Task<UpdateStatus> StatusAsync(CancellationToken ct)
    {
        var current = await packages.InstalledVersionAsync(ct).ConfigureAwait(false);

        // Read here, not kept: only FollowAsync moves what the service knows, so it never misses an outcome to settle.
        var progress = packages.ReadProgress();

        // An offer the running version has reached (installed by hand, or by the updater) is no longer one.
        var offer = _offer is { } o && o.Version != current ? o : null;
        return new UpdateStatus(current, offer?.Version, offer?.Changelog, _checkedAt, _checkError, progress, store.Load());
    }

    /// <summary>Reads the package source for a newer version (and downloads it, ready to install).</summary>
    public async Task<UpdateStatus> CheckAsync(CancellationToken ct)
    {
        var settings = store.Load();
        if (settings.Source is not { } source)
        {
            throw new ValidationException("No package source is set: give the apt source that offers the appliance's new versions.");
        }

        var current = await InstalledAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _offer = await packages.CheckAsync(source, current, ct).ConfigureAwait(false);
            _checkError = null;
        }
        catch (RockstorException e)
        {
            _offer = null;
            _checkError = e.Message;
        }
        finally
        {
            _checkedAt = time.GetUtcNow();
            _gate.Release();
        }

        Changed?.Invoke();
        return await StatusAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Starts the update to the version on offer; refused while work is going on that a restart would break.</summary>
    public async Task<UpdateStatus> InstallAsync(CancellationToken ct)
    {
        await InstalledAsync(ct).ConfigureAwait(false);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (packages.ReadProgress().State == UpdateState.Running)
            {
                throw new ConflictException("An update is already running.");
            }

            if (_offer is not { } offer)
            {
                throw new ConflictException("No newer version is on offer: check for updates first.");
            }

            if (WhyNotNow() is { } busy)
            {
                throw new ConflictException($"{busy} The update restarts the appliance: start it once that has ended.");
            }

            await packages.StartUpdateAsync(offer, ct).ConfigureAwait(false);
            _offer = null;
        }
        finally
        {
            _gate.Release();
        }

        await FollowAsync(ct).ConfigureAwait(false);
        return await StatusAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The automatic update: within its window, with nothing going on, installs a newer version if the
    /// source offers one. Says what it did, and whether to try again later (work was going on).
    /// </summary>
    public async Task<AutomaticUpdateOutcome> RunAutomaticAsync(CancellationToken ct)
    {
        var settings = store.Load();
        if (!settings.Automatic || settings.Source is null)
        {
            return new("Automatic updates are off.");
        }

        if (!settings.Window.Contains(TimeOnly.FromDateTime(time.GetUtcNow().UtcDateTime)))
        {
            return new($"Outside the update window {settings.Window} (UTC).");
        }

        if (WhyNotNow() is { } busy)
        {
            return new($"{busy} The automatic update waits for it.", TryAgainLater: true);
        }

        var status = await CheckAsync(ct).ConfigureAwait(false);
        if (status.Available is null)
        {
            return new(status.CheckError ?? $"Version {status.Current} is the newest.");
        }

        // A version that was put back once is not tried again on its own: the admin decides.
        if (status.Progress is { State: UpdateState.RolledBack or UpdateState.Failed } last && last.To == status.Available)
        {
            return new($"Version {status.Available} was rolled back before; it is installed again only with Update now.");
        }

        await InstallAsync(ct).ConfigureAwait(false);
        return new($"Updating from {status.Current} to {status.Available}.");
    }

    /// <summary>
    /// Reads the updater's progress, tells the screens when it moved, and settles its outcome: an update
    /// rolled back or failed raises an alert (once), one that succeeded resolves it.
    /// </summary>
    public async Task FollowAsync(CancellationToken ct)
    {
        var progress = packages.ReadProgress();
        var moved = progress != _progress;
        _progress = progress;
        if (moved)
        {
            Changed?.Invoke();
        }

        switch (progress.State)
        {
            case UpdateState.RolledBack or UpdateState.Failed:
                await alerts.RaiseAboutAsync(AlertKind.Update, AlertKey, "the update", progress.Message, ct, replaceUnlessItSays: progress.Message)
                    .ConfigureAwait(false);
                break;
            case UpdateState.Succeeded when alerts.OpenAbout(AlertKind.Update, AlertKey) is not null:
                await alerts.ResolveAboutAsync(AlertKind.Update, AlertKey, ct).ConfigureAwait(false);
                break;
        }
    }

    private async Task<string> InstalledAsync(CancellationToken ct) =>
        await packages.InstalledVersionAsync(ct).ConfigureAwait(false)
        ?? throw new ValidationException("This appliance was not installed from its Debian package, so it is not updated from here: update its checkout, or install the package.");

    /// <summary>Why an update must wait: a replication run or a pool operation going on; null when nothing is.</summary>
    private string? WhyNotNow()
    {
        if (operations.ListActive() is [var operation, ..])
        {
            return $"A {operation.Kind.ToString().ToLowerInvariant()} of pool {operation.Pool} is going on.";
        }

        if (replication.Sends().FirstOrDefault(s => s.Latest is { Status: AttemptStatus.Running }) is { } send)
        {
            return $"A replication run of {send.Task.Share} to {send.TargetHostname} is going on.";
        }

        if (replication.Receives().FirstOrDefault(r => r.Latest is { Status: AttemptStatus.Running }) is { } receive)
        {
            return $"A replication run from {receive.SenderHostname} is going on.";
        }

        return null;
    }
}
