using Rockstor.Domain.Replication;
using Rockstor.Web.Components.Replication;

namespace Rockstor.Web.Components.Pages.Replication;

/// <summary>What this appliance receives, a page at a time, and the requests it refused.</summary>
public partial class Receive
{
    private IReadOnlyList<Refusal> _refusals = [];

    protected override (IReadOnlyList<ReceiveView> Items, int Total) Fetch(int skip, int take)
    {
        var page = Queries.Receives(skip, take);
        return (page.Items, page.Total);
    }

    /// <summary>Any receive: a replica's first attempt adds a row.</summary>
    protected override bool Shows(TrailSide side, Attempt attempt) => side == TrailSide.Receive;

    protected override void Load()
    {
        base.Load();
        _refusals = Queries.Refusals();
    }
}
