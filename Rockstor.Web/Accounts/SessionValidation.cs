using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Rockstor.Domain.Accounts;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Checks the session of every request that comes with a cookie or a bearer token: a login ended by a
/// logout or a password change (another security stamp), past its absolute lifetime, or of a refresh-token
/// family that was ended, opens nothing.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (Refusal(context.HttpContext, context.Principal) is null)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Runs before the bearer handler reads the token; an ended session fails it there.</summary>
    public static Task ValidateBearerAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim()) is { } ticket
            && Refusal(context.HttpContext, ticket.Principal) is { } refusal)
        {
            context.Fail(refusal);
        }

        return Task.CompletedTask;
    }

    private static string? Refusal(HttpContext http, System.Security.Claims.ClaimsPrincipal? principal) =>
        SessionClaims.Read(principal) is { } session
            ? http.RequestServices.GetRequiredService<SessionService>().Refusal(session)
            : SessionService.Ended;
}
