using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Shares;

namespace Rockstor.Web.Components.Storage;

/// <summary>Adds a snapshot schedule, or changes one (<see cref="Existing"/>).</summary>
public sealed partial class SnapshotScheduleDialog
{
    private const string Minutes = "minutes";
    private const string Hours = "hours";
    private const string Days = "days";
    private const string CronMode = "cron";

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SnapshotScheduleService Schedules { get; set; } = default!;

    [Inject]
    private ShareService Shares { get; set; } = default!;

    [Parameter]
    public SnapshotSchedule? Existing { get; set; }

    private IReadOnlyList<string> _shareNames = [];
    private List<string> _shares = [];
    private string _mode = Hours;
    private int _every = 1;
    private string? _cron;
    private string? _prefix;
    private bool _writable;
    private RetentionPolicy _retention = new(Last: 24, Daily: 7, Weekly: 4, Monthly: 12);
    private bool _enabled = true;
    private string? _error;
    private bool _loading = true;

    protected override async Task OnInitializedAsync()
    {
        _shareNames = (await Shares.ListAsync(CancellationToken.None))
            .Where(s => s.Share.Kind == ShareKind.Regular)
            .Select(s => s.Share.Name)
            .ToList();
        if (Existing is { } schedule)
        {
            _shares = [.. schedule.Shares];
            _prefix = schedule.Prefix;
            _writable = schedule.Writable;
            _retention = schedule.Retention;
            _enabled = schedule.Enabled;
            (_mode, _every, _cron) = schedule.FrequencyMinutes switch
            {
                null => (CronMode, 1, schedule.Cron),
                1440 => (Days, 1, null),
                var m when m % 60 == 0 => (Hours, m.Value / 60, null),
                var m => (Minutes, m.Value, null),
            };
        }
        else if (_shareNames.Count == 1)
        {
            _shares = [_shareNames[0]];
        }

        _loading = false;
    }

    private void Submit()
    {
        _error = null;
        try
        {
            var request = new SnapshotScheduleRequest(
                _shares,
                _mode switch { Minutes => _every, Hours => _every * 60, Days => 1440, _ => null },
                _mode == CronMode ? _cron ?? "" : null,
                _prefix,
                _writable,
                _retention,
                _enabled);
            var saved = Existing is null ? Schedules.Create(request) : Schedules.Update(Existing.Id, request);
            MudDialog.Close(DialogResult.Ok(saved));
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
    }
}
