using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Web.Components.Replication;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Replication;

/// <summary>What this appliance receives, a page at a time, the history it keeps of each, and the requests it refused.</summary>
public partial class Receive
{
    private IReadOnlyList<Refusal> _refusals = [];
    private int _defaultDays;

    [Inject]
    private ReplicaProtection Protection { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized()
    {
        _defaultDays = Protection.DefaultDays();
        base.OnInitialized();
    }

    protected override ListPage<ReceiveView> Fetch(int skip, int take) => Queries.Receives(skip, take);

    /// <summary>Any receive: a replica's first attempt adds a row.</summary>
    protected override bool Shows(TrailSide side, Attempt attempt) => side == TrailSide.Receive;

    protected override void Load()
    {
        base.Load();
        _refusals = Queries.Refusals();
    }

    private async Task SaveDefaultProtectionAsync()
    {
        var current = Protection.DefaultDays();
        if (_defaultDays < current)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Shorten the protection",
                $"Protect received snapshots for {_defaultDays} days instead of {current}? At the next receive of each replica without a period of its own, "
                + "its policy may delete the snapshots this no longer protects.",
                yesText: "Shorten it",
                cancelText: "Cancel");
            if (confirmed != true)
            {
                _defaultDays = current;
                return;
            }
        }

        if (Snackbar.Try(() => Protection.SetDefaultDays(_defaultDays), $"Received snapshots are now protected for {_defaultDays} days, unless a replica has its own period."))
        {
            Load();
        }
    }

    /// <summary>The newest received snapshot's files (older ones are on the Snapshots screen, under the replica share).</summary>
    private async Task BrowseNewestAsync(IncomingReplica replica)
    {
        var newest = Queries.Received(replica).FirstOrDefault();
        if (newest is null)
        {
            Snackbar.Add($"Nothing of {replica.SourceShare} has been received yet.", Severity.Info);
            return;
        }

        await Dialogs.ShowAsync<Components.Storage.SnapshotFilesDialog>(
            $"Files of {newest.Key}",
            new DialogParameters<Components.Storage.SnapshotFilesDialog> { { d => d.Share, newest.Share }, { d => d.Snapshot, newest.Name } },
            new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
    }

    private async Task PromoteAsync(IncomingReplica replica)
    {
        var dialog = await Dialogs.ShowAsync<PromoteDialog>(
            $"Promote {replica.SourceShare} to a live share",
            new DialogParameters<PromoteDialog> { { d => d.Replica, replica } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: string share })
        {
            Snackbar.Add($"Share {share} is live on this appliance; {replica.ReplicaShare} takes no more runs from its source.", Severity.Success);
            Load();
        }
    }

    private async Task EditHistoryAsync(IncomingReplica replica)
    {
        var dialog = await Dialogs.ShowAsync<ReceiveHistoryDialog>(
            $"History kept of {replica.SourceShare}",
            new DialogParameters<ReceiveHistoryDialog> { { d => d.Replica, replica } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"{replica.ReplicaShare}: saved; the next receive applies it.", Severity.Success);
            Load();
        }
    }
}
