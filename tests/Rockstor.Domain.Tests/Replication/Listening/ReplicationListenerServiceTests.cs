using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Services;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Listening;

public sealed class ReplicationListenerServiceTests
{
    [Fact]
    public async Task The_new_place_is_stored_before_the_listener_lets_anything_else_start_it()
    {
        var place = new ListenerPlace(new ReplicationListenerSettings(null, 10002));
        var service = new ServiceSwitch(on: true);
        var listener = new ReplicationListenerService(
            place, place, place, place, new PairedAppliances(), new PeerCalls(), new ApplianceIdentity(new ThisAppliance()), new ServiceMonitor([service], service));

        await listener.SetAsync(new ReplicationListenerRequest("10.0.0.1", 10100), CancellationToken.None);

        Assert.Equal(new ReplicationListenerSettings("10.0.0.1", 10100), place.Bound);
        Assert.Equal(new ReplicationListenerSettings("10.0.0.1", 10100), place.StoredWhenReleased);
    }
}
