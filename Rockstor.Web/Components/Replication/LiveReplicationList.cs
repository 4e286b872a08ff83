using Microsoft.AspNetCore.Components;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Services;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Replication;

/// <summary>
/// A replication screen's list, a page at a time from the server, redrawn when an attempt it shows (or
/// the Replication service) changes: what the Send and Receive screens share.
/// </summary>
public abstract class LiveReplicationList<TRow> : ComponentBase, IDisposable
{
    [Inject]
    protected ReplicationQueries Queries { get; set; } = default!;

    [Inject]
    private ReplicationEventBus Events { get; set; } = default!;

    [Inject]
    private ServiceMonitor Services { get; set; } = default!;

    /// <summary>The rows of the page shown.</summary>
    protected IReadOnlyList<TRow> Rows { get; private set; } = [];

    /// <summary>How many rows there are on all pages.</summary>
    protected int Total { get; private set; }

    /// <summary>The page shown, from 1.</summary>
    protected int PageNumber { get; private set; } = 1;

    protected bool ServiceOn { get; private set; }

    public void Dispose()
    {
        Events.Changed -= OnAttempt;
        Services.Changed -= OnService;
        GC.SuppressFinalize(this);
    }

    protected override void OnInitialized()
    {
        Load();
        Events.Changed += OnAttempt;
        Services.Changed += OnService;
    }

    /// <summary>A page of rows and the count of all, from the store.</summary>
    protected abstract ListPage<TRow> Fetch(int skip, int take);

    /// <summary>Whether a change of this attempt shows on this page.</summary>
    protected abstract bool Shows(TrailSide side, Attempt attempt);

    /// <summary>Reads the page again (the last page, if rows were deleted from under it).</summary>
    protected virtual void Load()
    {
        var page = Fetch((PageNumber - 1) * ReplicationScreens.PageSize, ReplicationScreens.PageSize);
        if (PageNumber > Pager.Pages(page.Total, ReplicationScreens.PageSize))
        {
            PageNumber = Pager.Pages(page.Total, ReplicationScreens.PageSize);
            page = Fetch((PageNumber - 1) * ReplicationScreens.PageSize, ReplicationScreens.PageSize);
        }

        (Rows, Total) = (page.Items, page.Total);

        ServiceOn = Services.IsRunning(ServiceNames.Replication);
    }

    protected void GoTo(int page)
    {
        PageNumber = page;
        Load();
    }

    private void OnAttempt(TrailSide side, Attempt attempt)
    {
        if (Shows(side, attempt))
        {
            _ = InvokeAsync(() =>
            {
                Load();
                StateHasChanged();
            });
        }
    }

    private void OnService(ServiceStatus _) => InvokeAsync(() =>
    {
        Load();
        StateHasChanged();
    });
}

/// <summary>What the replication screens have in common.</summary>
public static class ReplicationScreens
{
    /// <summary>Tasks or replicas on a page of the Send and Receive screens: only those have their trails read.</summary>
    public const int PageSize = 25;
}
