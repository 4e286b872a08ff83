using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Infrastructure.Peers;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Calls from paired appliances: "Authorization: RockstorPeer &lt;appliance id&gt;:&lt;credential&gt;". The
/// credential is the one this appliance issued at pairing; the caller's identity is the appliance id.
/// </summary>
public sealed class PeerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PairingService pairing)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ApplianceIdClaim = "rockstor:appliance";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(PeerClient.Scheme + " ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var value = header[(PeerClient.Scheme.Length + 1)..];
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        var peer = colon > 0 ? pairing.Authenticate(value[..colon], value[(colon + 1)..]) : null;
        if (peer is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Not a paired appliance."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, peer.Hostname), new Claim(ClaimTypes.Role, AuthComposition.PeerRole), new Claim(ApplianceIdClaim, peer.Id)],
            Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
