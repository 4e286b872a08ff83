using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Web.Components.Replication;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Replication;

/// <summary>The send tasks, a page at a time, with their state live; add, edit, run, re-seed, restore from and delete them.</summary>
public partial class Send
{
    protected override ListPage<SendTaskView> Fetch(int skip, int take) => Queries.Sends(skip, take);

    protected override bool Shows(TrailSide side, Attempt attempt) =>
        side == TrailSide.Send && Rows.Any(v => v.Task.Id == attempt.OwnerId);

    private async Task AddAsync()
    {
        var dialog = await Dialogs.ShowAsync<ReplicationTaskDialog>("Add replication task");
        if (await dialog.Result is { Canceled: false, Data: TaskResult result })
        {
            Snackbar.Add(result.Warning ?? $"Task added: {result.Task.Share} is replicated from now on; the first run has started.", result.Warning is null ? Severity.Success : Severity.Warning);
            Load();
        }
    }

    private async Task EditAsync(ReplicationTask task)
    {
        var parameters = new DialogParameters<ReplicationTaskDialog> { { d => d.Existing, task } };
        var dialog = await Dialogs.ShowAsync<ReplicationTaskDialog>("Edit replication task", parameters);
        if (await dialog.Result is { Canceled: false, Data: TaskResult result })
        {
            Snackbar.Add(result.Warning ?? "Task saved.", result.Warning is null ? Severity.Success : Severity.Warning);
        }

        Load();
    }

    private void SetEnabled(ReplicationTask task, bool on)
    {
        Snackbar.Try(() => Tasks.Update(task.Id, new TaskRequest(null, null, null, null, null, null, null, on)), $"Task {task.Id} {(on ? "enabled" : "disabled")}.");
        Load();
    }

    private void RunNow(ReplicationTask task) => Snackbar.Try(() => Tasks.RunNow(task.Id), $"Task {task.Id} queued to run now.", Severity.Info);

    private async Task RestoreAsync(SendTaskView view)
    {
        var parameters = new DialogParameters<RestoreDialog>
        {
            { d => d.ApplianceId, view.Task.TargetApplianceId },
            { d => d.Hostname, view.TargetHostname },
            { d => d.Share, view.Task.Share },
        };
        var dialog = await Dialogs.ShowAsync<RestoreDialog>($"Restore {view.Task.Share} from {view.TargetHostname}", parameters);
        if (await dialog.Result is { Canceled: false, Data: PendingRestore asked })
        {
            Snackbar.Add($"Asked {view.TargetHostname} to send '{asked.Snapshot}' back; the task's trail shows it arrive.", Severity.Info);
        }
    }

    private async Task ReseedAsync(SendTaskView view)
    {
        var task = view.Task;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Re-seed with a full send",
            $"{view.TargetHostname} holds snapshots of the replica of '{task.Share}' that match none of this task's snapshots here, "
            + "so only a full send can go on. It sends the whole share and starts a new chain there. The older snapshots on "
            + $"{view.TargetHostname} are not deleted now: its retention replaces them (unless it protects them) as new runs arrive, so clone any you need first.",
            yesText: "Send everything",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        Snackbar.Try(() => Tasks.Reseed(task.Id), $"Task {task.Id}: a full send has started.", Severity.Info);
        Load();
    }

    private async Task DeleteAsync(ReplicationTask task)
    {
        var parameters = new DialogParameters<DeleteTaskDialog> { { d => d.Task, task } };
        var dialog = await Dialogs.ShowAsync<DeleteTaskDialog>("Delete replication task", parameters);
        if (await dialog.Result is not { Canceled: false, Data: bool deleteSnapshots })
        {
            return;
        }

        await Snackbar.TryAsync(
            () => Tasks.DeleteAsync(task.Id, deleteSnapshots, CancellationToken.None),
            deleteSnapshots ? $"Task {task.Id} and its snapshots deleted." : $"Task {task.Id} deleted; its snapshots are kept.");
        Load();
    }
}
