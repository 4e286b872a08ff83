using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Storage;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>
/// Every snapshot on the appliance in one list: filter by share, search, sort, page (the store answers
/// pages, so 10,000 snapshots stay fast), select many and delete them after a confirmation.
/// </summary>
public partial class Snapshots : IDisposable
{
    public const int PageSize = 50;

    [Inject]
    private SnapshotService SnapshotService { get; set; } = default!;

    [Inject]
    private ShareService ShareService { get; set; } = default!;

    [Inject]
    private SnapshotScheduleService Schedules { get; set; } = default!;

    [Inject]
    private ReplicaProtection Protection { get; set; } = default!;

    [Inject]
    private SnapshotSizes Sizes { get; set; } = default!;

    private readonly CancellationTokenSource _closing = new();

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The share in the address (<c>?share=</c>, as the Receive screen links a replica); the filter starts from it.</summary>
    [SupplyParameterFromQuery(Name = "share")]
    public string? ShareInAddress { get; set; }

    private string? _shareInAddress;

    private int? _scheduleInAddress;

    private string? AddressFilter => string.IsNullOrEmpty(ShareInAddress) ? null : ShareInAddress;

    /// <summary>The share whose snapshots are shown (all when null).</summary>
    internal string? ShareFilter { get; private set; }

    internal string? Search { get; private set; }

    /// <summary>The schedule in the address (<c>?schedule=</c>, as the schedules screen links one); the filter starts from it.</summary>
    [SupplyParameterFromQuery(Name = "schedule")]
    public int? ScheduleInAddress { get; set; }

    /// <summary>The schedule whose snapshots are shown (all when null).</summary>
    internal int? ScheduleFilter { get; private set; }

    /// <summary>Who made each row's snapshot, its protection and its sizes.</summary>
    internal SnapshotFacts Facts { get; private set; } = default!;

    internal SnapshotSort Sort { get; private set; } = SnapshotSort.CreatedAt;

    internal bool Descending { get; private set; } = true;

    internal int PageNumber { get; private set; } = 1;

    internal SnapshotPage Page { get; private set; } = new([], 0);

    /// <summary>Keys ("share/name") of the selected snapshots; kept across pages.</summary>
    internal HashSet<string> Selected { get; } = new(StringComparer.Ordinal);

    internal IReadOnlyList<string> ShareNames { get; private set; } = [];

    internal bool Loading { get; private set; } = true;

    internal int PageCount => Pager.Pages(Page.Total, PageSize);

    internal bool AllOnPageSelected => Page.Items.Count > 0 && Page.Items.All(s => Selected.Contains(s.Key));

    /// <summary>
    /// Shows the store's page at once, then reads btrfs (which may wait for a replication holding the
    /// storage lock) and shows what that changed.
    /// </summary>
    protected override async Task OnInitializedAsync()
    {
        Facts = new SnapshotFacts(Schedules, Protection, Sizes);
        _shareInAddress = ShareInAddress;
        ShareFilter = AddressFilter;
        _scheduleInAddress = ScheduleInAddress;
        ScheduleFilter = ScheduleInAddress;
        ShareNames = ShareService.Names();
        Load();
        await RefreshAsync();
    }

    /// <summary>Another share in the address (the menu's link, or a replica's, while this screen is open) filters anew.</summary>
    protected override void OnParametersSet()
    {
        if (ShareInAddress != _shareInAddress || ScheduleInAddress != _scheduleInAddress)
        {
            _shareInAddress = ShareInAddress;
            _scheduleInAddress = ScheduleInAddress;
            ShareFilter = AddressFilter;
            ScheduleFilter = ScheduleInAddress;
            PageNumber = 1;
            Load();
        }
    }

    /// <summary>Reads btrfs again (reconcile), then shows the current page.</summary>
    internal async Task RefreshAsync()
    {
        Loading = true;
        await Snackbar.TryAsync(() => SnapshotService.ReconcileAsync(CancellationToken.None));
        ShareNames = ShareService.Names();
        Load();
        Loading = false;
    }

    internal async Task SetShareFilterAsync(string? share)
    {
        ShareFilter = string.IsNullOrEmpty(share) ? null : share;
        PageNumber = 1;
        Load();
        await Task.CompletedTask;
    }

    internal void SetScheduleFilter(int? schedule)
    {
        ScheduleFilter = schedule;
        PageNumber = 1;
        Load();
    }

    internal Task SetSearchAsync(string? search)
    {
        Search = search;
        PageNumber = 1;
        Load();
        return Task.CompletedTask;
    }

    internal Task SortByAsync(SnapshotSort sort)
    {
        Descending = Sort == sort ? !Descending : sort == SnapshotSort.CreatedAt;
        Sort = sort;
        Load();
        return Task.CompletedTask;
    }

    internal Task GoToPageAsync(int page)
    {
        PageNumber = Math.Clamp(page, 1, PageCount);
        Load();
        return Task.CompletedTask;
    }

    internal void Select(string key, bool on)
    {
        if (on)
        {
            Selected.Add(key);
        }
        else
        {
            Selected.Remove(key);
        }
    }

    internal void SelectPage(bool on)
    {
        foreach (var snapshot in Page.Items)
        {
            Select(snapshot.Key, on);
        }
    }

    /// <summary>Asks first; deletes each selected snapshot and reports what was deleted and what failed.</summary>
    internal async Task DeleteSelectedAsync()
    {
        var keys = Selected.Order(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return;
        }

        var shown = string.Join(", ", keys.Take(5)) + (keys.Count > 5 ? $" and {keys.Count - 5} more" : "");
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete snapshots",
            $"Delete {keys.Count} snapshot(s): {shown}? This cannot be undone.",
            yesText: "Delete",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var deleted = 0;
        foreach (var key in keys)
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (await Snackbar.TryAsync(() => SnapshotService.DeleteAsync(key[..slash], key[(slash + 1)..], CancellationToken.None), about: key))
            {
                Selected.Remove(key);
                deleted++;
            }
        }

        if (deleted > 0)
        {
            Snackbar.Add($"Deleted {deleted} snapshot(s).", Severity.Success);
        }

        Load();
    }

    internal async Task CreateAsync()
    {
        var parameters = new DialogParameters<SnapshotDialog> { { d => d.Share, ShareFilter } };
        var dialog = await Dialogs.ShowAsync<SnapshotDialog>("Create snapshot", parameters);
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add($"Snapshot '{name}' created.", Severity.Success);
            Load();
        }
    }

    internal async Task BrowseAsync(Snapshot snapshot)
    {
        var parameters = new DialogParameters<SnapshotFilesDialog> { { d => d.Share, snapshot.Share }, { d => d.Snapshot, snapshot.Name } };
        await Dialogs.ShowAsync<SnapshotFilesDialog>($"Files of {snapshot.Key}", parameters, new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true });
    }

    internal async Task CloneAsync(Snapshot snapshot)
    {
        var parameters = new DialogParameters<CloneDialog> { { d => d.Share, snapshot.Share }, { d => d.Snapshot, snapshot.Name } };
        var dialog = await Dialogs.ShowAsync<CloneDialog>("Clone snapshot", parameters);
        if (await dialog.Result is { Canceled: false, Data: string share })
        {
            Snackbar.Add($"Share '{share}' made from {snapshot.Key}.", Severity.Success);
        }
    }

    /// <summary>Locks at once (it deletes nothing); unlocking asks for the admin password.</summary>
    internal async Task LockAsync(Snapshot snapshot)
    {
        await Snackbar.TryAsync(() => SnapshotService.LockAsync(snapshot.Share, snapshot.Name, CancellationToken.None), $"{snapshot.Key} is locked: nothing deletes it until it is unlocked.");
        Load();
    }

    internal async Task UnlockAsync(Snapshot snapshot)
    {
        var parameters = new DialogParameters<UnlockDialog> { { d => d.Share, snapshot.Share }, { d => d.Snapshot, snapshot.Name } };
        var dialog = await Dialogs.ShowAsync<UnlockDialog>($"Unlock {snapshot.Key}", parameters);
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"{snapshot.Key} is unlocked.", Severity.Success);
            Load();
        }
    }

    internal async Task RollbackAsync(Snapshot snapshot)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Roll back share",
            $"Roll share '{snapshot.Share}' back to '{snapshot.Name}'? Its current state is kept as a new snapshot first.",
            yesText: "Roll back",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Snackbar.TryAsync(async () =>
        {
            var kept = await SnapshotService.RollbackAsync(snapshot.Share, snapshot.Name, CancellationToken.None);
            Snackbar.Add($"'{snapshot.Share}' rolled back to '{snapshot.Name}'; its previous state is snapshot '{kept.Name}'.", Severity.Success);
        });
        Load();
    }

    private string Arrow(SnapshotSort sort) => Sort != sort ? "" : Descending ? "↓" : "↑";

    private void Load()
    {
        Page = SnapshotService.Query(new SnapshotQuery(ShareFilter, Search, Sort, Descending, (PageNumber - 1) * PageSize, PageSize, ScheduleFilter));
        if (PageNumber > PageCount)
        {
            PageNumber = PageCount;
            Page = SnapshotService.Query(new SnapshotQuery(ShareFilter, Search, Sort, Descending, (PageNumber - 1) * PageSize, PageSize, ScheduleFilter));
        }

        if (Facts.Refresh(Page))
        {
            _ = ShowSizesAsync(Page); // never throws: sizes that cannot be read stay blank
        }
    }

    /// <summary>The sizes of what the page shows, filled in when read (the list never waits for them).</summary>
    private async Task ShowSizesAsync(SnapshotPage page)
    {
        if (await Facts.ReadSizesAsync(page, _closing.Token) is { } sizeOf && ReferenceEquals(page, Page))
        {
            Facts.Show(sizeOf);
            await InvokeAsync(StateHasChanged);
        }
    }

    public void Dispose()
    {
        _closing.Cancel();
        _closing.Dispose();
    }
}
