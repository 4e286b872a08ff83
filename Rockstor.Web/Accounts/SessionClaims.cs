using System.Globalization;
using System.Security.Claims;
using Rockstor.Domain.Accounts;

namespace Rockstor.Web.Accounts;

/// <summary>How a <see cref="Session"/> travels inside a login cookie or bearer token (both are encrypted and signed by data protection).</summary>
public static class SessionClaims
{
    public const string Stamp = "rockstor:stamp";

    public const string SignedInAt = "rockstor:signed_in_at";

    public const string TokenFamily = "rockstor:token_family";

    public const string Generation = "rockstor:token_generation";

    public static ClaimsPrincipal Principal(Session session, string scheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, session.Username),
            new(ClaimTypes.Role, AuthComposition.AdminRole),
            new(Stamp, session.Stamp),
            new(SignedInAt, session.SignedInAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)),
        };
        if (session.TokenFamily is not null)
        {
            claims.Add(new(TokenFamily, session.TokenFamily));
            claims.Add(new(Generation, session.Generation.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The session a principal carries; null when it carries none (not signed in, or a cookie from before sessions were checked).</summary>
    public static Session? Read(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not { IsAuthenticated: true }
            || principal.FindFirstValue(ClaimTypes.Name) is not { } username
            || principal.FindFirstValue(Stamp) is not { } stamp
            || !long.TryParse(principal.FindFirstValue(SignedInAt), NumberStyles.None, CultureInfo.InvariantCulture, out var signedInAt))
        {
            return null;
        }

        var family = principal.FindFirstValue(TokenFamily);
        _ = int.TryParse(principal.FindFirstValue(Generation), NumberStyles.None, CultureInfo.InvariantCulture, out var generation);
        return new Session(username, stamp, DateTimeOffset.FromUnixTimeMilliseconds(signedInAt), family, generation);
    }
}
