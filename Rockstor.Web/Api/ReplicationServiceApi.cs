using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;

/// <summary>The Replication service with where it listens (address and port), changed without a restart.</summary>
public static class ReplicationServiceApi
{
    public static IEndpointRouteBuilder MapReplicationServiceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services/replication", (ServiceMonitor monitor, ReplicationListenerService listener) =>
                ReplicationServiceDto.From(monitor.Get(ServiceNames.Replication), listener.Settings(), listener.Addresses()))
            .WithTags("Services");

        // The place first: a service turned on starts there, and a place that cannot be opened changes nothing.
        app.MapPut("/api/services/replication", async (ReplicationServiceBody body, ServiceMonitor monitor, ReplicationListenerService listener, CancellationToken ct) =>
            {
                IReadOnlyList<PeerNotice>? peers = null;
                if (body.ListenAddress is not null || body.Port is not null)
                {
                    peers = (await listener.SetAsync(new ReplicationListenerRequest(body.ListenAddress, body.Port), ct)).Peers;
                }

                var status = body.Enabled is { } enabled
                    ? await monitor.SetEnabledAsync(ServiceNames.Replication, enabled, ct)
                    : monitor.Get(ServiceNames.Replication);
                return ReplicationServiceDto.From(status, listener.Settings(), listener.Addresses(), peers);
            })
            .WithTags("Services");
        return app;
    }
}
