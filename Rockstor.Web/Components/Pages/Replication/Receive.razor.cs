using Rockstor.Domain.Common;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Web.Components.Pages.Replication;

/// <summary>What this appliance receives, a page at a time, and the requests it refused.</summary>
public partial class Receive
{
    private IReadOnlyList<Refusal> _refusals = [];

    protected override ListPage<ReceiveView> Fetch(int skip, int take) => Queries.Receives(skip, take);

    /// <summary>Any receive: a replica's first attempt adds a row.</summary>
    protected override bool Shows(TrailSide side, Attempt attempt) => side == TrailSide.Receive;

    protected override void Load()
    {
        base.Load();
        _refusals = Queries.Refusals();
    }
}
