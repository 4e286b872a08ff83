using Rockstor.Domain.Replication;
using Rockstor.Domain.Services;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Replication;

/// <summary>What this appliance receives, a page at a time, and the requests it refused.</summary>
public partial class Receive : IDisposable
{
    /// <summary>Incoming replicas on a page: only those have their trails read.</summary>
    public const int PageSize = 25;

    private ReceivePage _page = new([], 0);
    private int _pageNumber = 1;
    private IReadOnlyList<Refusal> _refusals = [];
    private bool _serviceOn;

    protected override void OnInitialized()
    {
        Load();
        Events.Changed += OnAttempt;
        Services.Changed += OnService;
    }

    public void Dispose()
    {
        Events.Changed -= OnAttempt;
        Services.Changed -= OnService;
    }

    private void Load()
    {
        _page = Queries.Receives((_pageNumber - 1) * PageSize, PageSize);
        if (_pageNumber > Pager.Pages(_page.Total, PageSize))
        {
            _pageNumber = Pager.Pages(_page.Total, PageSize);
            _page = Queries.Receives((_pageNumber - 1) * PageSize, PageSize);
        }

        _refusals = Queries.Refusals();
        _serviceOn = Services.IsRunning("replication");
    }

    private void GoTo(int page)
    {
        _pageNumber = page;
        Load();
    }

    private void OnAttempt(TrailSide side, Attempt attempt)
    {
        if (side == TrailSide.Receive)
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
