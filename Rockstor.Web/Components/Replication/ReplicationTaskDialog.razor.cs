using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Services;
using Rockstor.Domain.Shares;

namespace Rockstor.Web.Components.Replication;

/// <summary>Adds a replication task, or changes one (<see cref="Existing"/>); the pools are read from the target.</summary>
public sealed partial class ReplicationTaskDialog
{
    private const string Minutes = "minutes";
    private const string Hours = "hours";
    private const string CronMode = "cron";

    [Inject]
    private ReplicationTaskService Tasks { get; set; } = default!;

    [Inject]
    private ShareService Shares { get; set; } = default!;

    [Inject]
    private IPairedApplianceRepository Appliances { get; set; } = default!;

    [Inject]
    private ApplianceIdentity Identity { get; set; } = default!;

    [Inject]
    private ServiceMonitor Services { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    /// <summary>The task to edit; null to add one.</summary>
    [Parameter]
    public ReplicationTask? Existing { get; set; }

    private IReadOnlyList<string> _shares = [];
    private IReadOnlyList<PairedAppliance> _appliances = [];
    private IReadOnlyList<PeerPool>? _pools;
    private string? _poolsError;
    private string? _share;
    private string? _target;
    private string? _pool;
    private string _mode = Hours;
    private int _every = 1;
    private string? _cron;
    private int? _port;
    private RetentionPolicy _retention = RetentionPolicy.KeepLast(ReplicationTaskService.DefaultKeep);
    private bool _sameOnTarget = true;
    private RetentionPolicy _destinationRetention = RetentionPolicy.KeepLast(ReplicationTaskService.DefaultKeep);
    private bool _enabled = true;
    private double? _limit;
    private CompressionMode _compression = CompressionMode.Off;
    private bool _resumable;
    private string? _windowStart;
    private string? _windowEnd;
    private string? _error;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _shares = (await Shares.ListAsync(CancellationToken.None))
            .Where(s => s.Share.Kind == ShareKind.Regular)
            .Select(s => s.Share.Name)
            .ToList();
        // Paired appliances, then this appliance itself (a local task: another pool, a removable disk).
        _appliances = [.. Appliances.List().Where(a => a.State == PairingState.Paired), LocalTarget.Of(Identity.Current)];
        if (Existing is { } task)
        {
            _share = task.Share;
            _pool = task.TargetPool;
            _port = task.Port;
            _retention = task.Retention;
            _sameOnTarget = task.DestinationRetention is null;
            _destinationRetention = task.DestinationRetention ?? task.Retention;
            _enabled = task.Enabled;
            _limit = task.BandwidthLimitMBps;
            _compression = task.Compression;
            _resumable = task.Resumable;
            (_windowStart, _windowEnd) = task.Window is { } window
                ? (window.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), window.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))
                : (null, null);
            (_mode, _every, _cron) = task.FrequencyMinutes switch
            {
                null => (CronMode, 1, task.Cron),
                var m when m % 60 == 0 => (Hours, m.Value / 60, null),
                var m => (Minutes, m.Value, null),
            };
            await TargetChangedAsync(task.TargetApplianceId);
        }
        else
        {
            _share = _shares.Count == 1 ? _shares[0] : null;
            if (_appliances.Count == 2)
            {
                await TargetChangedAsync(_appliances[0].Id); // the one paired appliance
            }
        }
    }

    private async Task TargetChangedAsync(string? id)
    {
        _target = id;
        _pools = null;
        _poolsError = null;
        if (_appliances.FirstOrDefault(a => a.Id == id) is not { } target)
        {
            return;
        }

        if (Existing is null)
        {
            _port = target.ReplicationPort;
        }

        try
        {
            _pools = await Tasks.TargetPoolsAsync(target.Id, CancellationToken.None);
            if (_pools.Count == 1 && Existing is null)
            {
                _pool = _pools[0].Name;
            }
        }
        catch (RockstorException e)
        {
            _poolsError = $"Could not read the target's pools: {e.Message} Type the pool's name instead.";
        }
    }

    private void Submit()
    {
        _busy = true;
        _error = null;
        try
        {
            var request = new TaskRequest(
                _share,
                _target,
                _pool,
                _mode switch { Minutes => _every, Hours => _every * 60, _ => null },
                _mode == CronMode ? _cron ?? "" : null,
                _port,
                null,
                _enabled,
                _limit ?? 0,
                _compression.ToString(),
                _resumable,
                _windowStart ?? "",
                _windowEnd ?? "",
                _retention,
                _sameOnTarget ? new RetentionPolicy() : _destinationRetention);
            var result = Existing is null ? Tasks.Create(request) : Tasks.Update(Existing.Id, request);
            MudDialog.Close(DialogResult.Ok(result));
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
