using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Schedules;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Storage;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>The snapshot schedules: add, change, pause, run now, delete (after a confirmation).</summary>
public partial class SnapshotSchedules
{
    [Inject]
    private SnapshotScheduleService Schedules { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    internal IReadOnlyList<SnapshotSchedule> Rows { get; private set; } = [];

    protected override void OnInitialized() => Load();

    internal void Load() => Rows = Schedules.List();

    internal async Task AddAsync() => await OpenAsync(null);

    internal async Task EditAsync(SnapshotSchedule schedule) => await OpenAsync(schedule);

    internal void SetEnabled(SnapshotSchedule schedule, bool on)
    {
        Snackbar.Try(
            () => Schedules.Update(schedule.Id, new SnapshotScheduleRequest(null, null, null, null, null, null, on)),
            on ? $"Schedule {schedule.Prefix} runs again." : $"Schedule {schedule.Prefix} is paused.");
        Load();
    }

    internal void RunNow(SnapshotSchedule schedule)
    {
        Snackbar.Try(() => Schedules.RunNow(schedule.Id), $"Schedule {schedule.Prefix} runs now.", Severity.Info);
    }

    internal async Task DeleteAsync(SnapshotSchedule schedule)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete schedule",
            $"Delete the schedule '{schedule.Prefix}'? It takes no more snapshots; the ones it took stay, as their shares' own, until you delete them.",
            yesText: "Delete schedule",
            cancelText: "Cancel");
        if (confirmed == true && Snackbar.Try(() => Schedules.Delete(schedule.Id), $"Schedule {schedule.Prefix} deleted; its snapshots stay."))
        {
            Load();
        }
    }

    private async Task OpenAsync(SnapshotSchedule? existing)
    {
        var dialog = await Dialogs.ShowAsync<SnapshotScheduleDialog>(
            existing is null ? "Add snapshot schedule" : $"Edit schedule {existing.Prefix}",
            new DialogParameters<SnapshotScheduleDialog> { { d => d.Existing, existing } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: SnapshotSchedule saved })
        {
            Snackbar.Add(existing is null ? $"Schedule {saved.Prefix} added." : $"Schedule {saved.Prefix} saved.", Severity.Success);
            Load();
        }
    }
}
