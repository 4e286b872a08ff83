using Microsoft.AspNetCore.Components;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Replication;

/// <summary>One row per attempt of a send task or an incoming replica, newest first, a page at a time, updated live.</summary>
public partial class TrailTable : IDisposable
{
    /// <summary>Attempts on a page.</summary>
    public const int PageSize = 25;

    private List<Attempt> _rows = [];
    private int _total;
    private int _pageNumber = 1;
    private (TrailSide, int) _shown;

    [Parameter, EditorRequired]
    public TrailSide Side { get; set; }

    [Parameter, EditorRequired]
    public int OwnerId { get; set; }

    [Parameter]
    public string Label { get; set; } = "Trail";

    /// <summary>Tells the page when an attempt changed (so it can refresh what it shows about the task).</summary>
    [Parameter]
    public EventCallback<Attempt> AttemptChanged { get; set; }

    protected override void OnInitialized()
    {
        Events.Changed += OnChanged;
        Events.Progressed += OnProgress;
    }

    protected override void OnParametersSet()
    {
        if ((Side, OwnerId) != _shown)
        {
            _shown = (Side, OwnerId);
            _pageNumber = 1;
        }

        Load();
    }

    public void Dispose()
    {
        Events.Changed -= OnChanged;
        Events.Progressed -= OnProgress;
    }

    private void GoTo(int page)
    {
        _pageNumber = page;
        Load();
    }

    /// <summary>A run of the task (or of the replica) under way; a failback in the same trail is not one the button stops.</summary>
    private static bool Cancellable(Attempt attempt) =>
        attempt.Status == AttemptStatus.Running && attempt.Note?.StartsWith("Failback", StringComparison.Ordinal) != true;

    /// <summary>After a confirmation, stops the run under way; the trail then shows it as cancelled.</summary>
    private async Task CancelRunAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Cancel run",
            Side == TrailSide.Send
                ? "Stop this run now? The destination is told and keeps nothing half-received; a resumable task keeps what arrived, and its next run goes on from there."
                : "Stop receiving this run now? The sender is told and does not try again until its next run; a resumable task keeps what arrived, and its next run goes on from there.",
            yesText: "Cancel run",
            cancelText: "Keep running");
        if (confirmed != true)
        {
            return;
        }

        Snackbar.Try(
            () =>
            {
                if (Side == TrailSide.Send)
                {
                    SendTasks.Cancel(OwnerId);
                }
                else
                {
                    Receiver.Cancel(OwnerId);
                }
            },
            "The run is being cancelled.",
            MudBlazor.Severity.Info);
    }

    private void Load()
    {
        var page = Queries.TrailPage(Side, OwnerId, (_pageNumber - 1) * PageSize, PageSize);
        _rows = page.Items.ToList();
        _total = page.Total;
    }

    private void OnChanged(TrailSide side, Attempt attempt)
    {
        if (side != Side || attempt.OwnerId != OwnerId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            var index = _rows.FindIndex(a => a.Id == attempt.Id);
            if (index >= 0)
            {
                _rows[index] = attempt;
            }
            else if (_pageNumber == 1)
            {
                // A new attempt: the first page shows it on top; later pages stay where the reader is.
                Load();
            }
            else
            {
                _total++;
            }

            StateHasChanged();
            await AttemptChanged.InvokeAsync(attempt);
        });
    }

    private void OnProgress(AttemptProgress progress)
    {
        if (progress.Side != Side || progress.OwnerId != OwnerId)
        {
            return;
        }

        _ = InvokeAsync(() =>
        {
            var index = _rows.FindIndex(a => a.Id == progress.AttemptId);
            if (index >= 0)
            {
                _rows[index] = progress.ApplyTo(_rows[index]);
                StateHasChanged();
            }
        });
    }
}
