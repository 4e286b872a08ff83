using System.Security.Claims;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Web.Accounts;

namespace Rockstor.Web.Api;

/// <summary>
/// What other appliances call. Pairing is open (it carries this appliance's admin login and is rate
/// limited); everything under /api/peer needs the credential issued to the caller at pairing.
/// </summary>
public static class PeerApi
{
    public static IEndpointRouteBuilder MapPeerApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/pairing", (PairingOffer offer, HttpContext http, PairingService pairing, ReplicationListenerService listener) =>
            {
                var remote = http.Connection.RemoteIpAddress;
                var address = remote is null ? "" : (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote).ToString();
                return pairing.Accept(offer, address, http.Connection.LocalPort, listener.Port());
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimits.Policy)
            .WithTags("Peers");

        var peer = app.MapGroup("/api/peer").RequireAuthorization(AuthComposition.PeerPolicy).WithTags("Peers");
        peer.MapGet("/hello", (ApplianceIdentity identity) => new { identity.Current.Id, identity.Current.Hostname });
        peer.MapGet("/pools", async (PoolService pools, CancellationToken ct) =>
            (await pools.ListAsync(ct)).Where(p => p.Mounted && !p.Pool.Removable).Select(p => new PeerPool(p.Pool.Name, p.SizeBytes, Math.Max(0, p.SizeBytes - p.UsedBytes))));
        peer.MapDelete("/appliances/{id}", (string id, ClaimsPrincipal caller, PairingService pairing) =>
        {
            if (caller.FindFirstValue(PeerAuthenticationHandler.ApplianceIdClaim) != id)
            {
                return Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "An appliance can only remove itself.");
            }

            pairing.Forget(id);
            return Results.NoContent();
        });

        // The caller's replication listener moved: only its own record (and our tasks to it) take the new port.
        peer.MapPut("/replication-port", (ReplicationPortBody body, ClaimsPrincipal caller, PeerReplicationPort ports) =>
        {
            var id = caller.FindFirstValue(PeerAuthenticationHandler.ApplianceIdClaim)!;
            return Results.Ok(new { tasksMoved = ports.Record(id, body.Port) });
        });

        // The caller announces the certificate it now uses: held pending here, pinned only when our admin confirms it.
        peer.MapPost("/certificate", async (FingerprintBody body, ClaimsPrincipal caller, CertificateRepinning repinning, CancellationToken ct) =>
        {
            await repinning.AnnouncedAsync(caller.FindFirstValue(PeerAuthenticationHandler.ApplianceIdClaim)!, body.Fingerprint ?? "", ct);
            return Results.Accepted();
        });
        return app;
    }
}
