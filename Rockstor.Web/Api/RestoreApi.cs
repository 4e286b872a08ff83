using System.Security.Claims;
using Rockstor.Domain.Replication.Failback;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Web.Accounts;

namespace Rockstor.Web.Api;

/// <summary>A restore as the API shows it; <c>rollback</c> when the share is rolled back rather than restored as <c>newShare</c>.</summary>
public sealed record RestoreDto(
    int Id,
    string ApplianceId,
    string Share,
    string Snapshot,
    string? NewShare,
    string? TargetPool,
    bool Rollback,
    DateTimeOffset AskedAt,
    DateTimeOffset ExpiresAt,
    string State,
    string? Outcome)
{
    public static RestoreDto From(PendingRestore r) => new(
        r.Id, r.ApplianceId, r.SourceShare, r.Snapshot, r.NewShare, r.TargetPool, r.Rollback, r.AskedAt, r.ExpiresAt, r.State.ToString().ToLowerInvariant(), r.Outcome);
}

/// <summary>
/// Restores (ADR-017). The admin asks here for a snapshot a paired appliance holds of one of this
/// appliance's shares; that appliance, called over its pinned API, sends it back through the replication
/// socket. Under /api/peer, the other side: a paired appliance lists what this one holds of its shares and
/// asks for one back, never anything of another appliance's.
/// </summary>
public static class RestoreApi
{
    public static IEndpointRouteBuilder MapRestoreApi(this IEndpointRouteBuilder app)
    {
        var restores = app.MapGroup("/api/replication/restores").WithTags("Replication");
        restores.MapGet("/", (RestoreService service) => service.List().Select(RestoreDto.From));
        restores.MapGet("/from/{applianceId}", (string applianceId, RestoreService service, CancellationToken ct) => service.HeldAsync(applianceId, ct));
        restores.MapPost("/", async (RestoreAsk ask, RestoreService service, CancellationToken ct) =>
            TypedResults.Accepted("/api/replication/restores", RestoreDto.From(await service.AskAsync(ask, ct))));

        var peer = app.MapGroup("/api/peer").RequireAuthorization(AuthComposition.PeerPolicy).WithTags("Peers");
        peer.MapGet("/replicas", (ClaimsPrincipal caller, FailbackSender failbacks) => failbacks.Held(CallerId(caller)));
        peer.MapPost("/restores", (PeerRestoreRequest request, ClaimsPrincipal caller, FailbackSender failbacks) =>
        {
            failbacks.Accept(CallerId(caller), request);
            return TypedResults.Accepted("/api/peer/replicas");
        });
        return app;
    }

    private static string CallerId(ClaimsPrincipal caller) =>
        caller.FindFirstValue(PeerAuthenticationHandler.ApplianceIdClaim) ?? throw new InvalidOperationException("A peer call without the caller's appliance id.");
}
