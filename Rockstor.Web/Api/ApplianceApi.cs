using Rockstor.Domain.Appliances;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Web.Accounts;

namespace Rockstor.Web.Api;
/// <summary>This appliance, and the appliances it is paired with (admin only).</summary>
public static class ApplianceApi
{
    public const int DefaultManagementPort = 8443;

    public static IEndpointRouteBuilder MapApplianceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/appliance", (ApplianceIdentity identity, ILocalCertificate certificate) =>
                ApplianceDto.From(identity.Current, certificate.Fingerprint))
            .WithTags("Appliance");
        app.MapPut("/api/appliance", (RenameApplianceBody body, ApplianceIdentity identity, ILocalCertificate certificate) =>
                ApplianceDto.From(identity.Rename(body.Hostname), certificate.Fingerprint))
            .WithTags("Appliance");

        var appliances = app.MapGroup("/api/appliances").WithTags("Appliances");
        appliances.MapGet("/", (PairingService pairing) => pairing.List().Select(PairedApplianceDto.From));
        appliances.MapPost("/", async (AddApplianceBody body, HttpContext http, PairingService pairing, ReplicationListenerService listener, CancellationToken ct) =>
            {
                var request = new AddApplianceRequest(body.Host, body.MgmtPort ?? DefaultManagementPort, body.Username, body.Password, body.Fingerprint);
                var peer = await pairing.PairAsync(request, http.Connection.LocalPort, listener.Port(), ct);
                return TypedResults.Created($"/api/appliances/{peer.Id}", PairedApplianceDto.From(peer));
            })
            .RequireRateLimiting(LoginRateLimits.Policy);
        appliances.MapGet("/{id}/check", (string id, PairingService pairing, CancellationToken ct) => pairing.CheckAsync(id, ct));
        appliances.MapDelete("/{id}", async (string id, PairingService pairing, CancellationToken ct) =>
        {
            var hostname = pairing.Require(id).Hostname;
            var outcome = await pairing.RemoveAsync(id, ct);
            return outcome == RemovalOutcome.Removed
                ? new RemovalDto(id, "removed", $"{hostname} was removed here and on its side.")
                : new RemovalDto(id, "otherSidePending", $"{hostname} was removed here; it could not be reached and will be told when it is back.");
        });
        return app;
    }
}
