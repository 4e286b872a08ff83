using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Web.Api;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Setup, login (form and token), token refresh, logout and the password. Setup, login and refresh are the
/// only routes open without a login (with health and static files).
/// </summary>
public static class AccountEndpoints
{
    public const string InvalidRefreshToken = "This refresh token is not valid or has expired; log in again.";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapPost("/setup", (SetupRequest request, AccountService accounts, ApplianceIdentity identity, ILocalCertificate certificate) =>
            {
                accounts.Setup(request);
                return TypedResults.Ok(ApplianceDto.From(identity.Current, certificate.Fingerprint));
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimits.Policy);

        api.MapPost("/auth/token", (Credentials credentials, AccountService accounts, SessionService sessions) =>
            {
                var user = accounts.Verify(credentials.Username, credentials.Password);
                return user is null
                    ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login failed", detail: "The username or password is wrong.")
                    : Results.SignIn(SessionClaims.Principal(sessions.StartWithRefreshTokens(user), BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimits.Policy);

        // A new token pair for the newest refresh token of a login; the one given is used up (rotation).
        api.MapPost("/auth/refresh", (RefreshRequest request, IOptionsMonitor<BearerTokenOptions> bearer, SessionService sessions, TimeProvider time) =>
            {
                var ticket = string.IsNullOrEmpty(request.RefreshToken)
                    ? null
                    : bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
                    || SessionClaims.Read(ticket.Principal) is not { TokenFamily: not null } session)
                {
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Log in again", detail: InvalidRefreshToken);
                }

                var next = sessions.Refresh(session);
                return Results.SignIn(SessionClaims.Principal(next, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimits.Policy);

        // Every login ends with the change, the caller's too: it logs in again with the new password.
        api.MapPost("/account/password", (PasswordChange change, HttpContext http, AccountService accounts) =>
            {
                accounts.ChangePassword(http.User.Identity!.Name!, change.CurrentPassword, change.NewPassword);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(LoginRateLimits.Policy);

        var forms = app.MapGroup("/account").ExcludeFromDescription();
        forms.MapPost("/login", async (HttpContext http, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, AccountService accounts, SessionService sessions) =>
            {
                var user = accounts.Verify(username, password);
                if (user is null)
                {
                    var back = IsLocal(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : "";
                    return Results.Redirect("/login?error=credentials" + back);
                }

                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.Principal(sessions.Start(user), CookieAuthenticationDefaults.AuthenticationScheme));
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimits.Policy);

        forms.MapPost("/setup", async (HttpContext http, [FromForm] string? username, [FromForm] string? password, [FromForm] string? hostname, AccountService accounts, SessionService sessions) =>
            {
                try
                {
                    accounts.Setup(new SetupRequest(username, password, hostname));
                }
                catch (RockstorException e)
                {
                    return Results.Redirect("/setup?error=" + Uri.EscapeDataString(e.Message));
                }

                var user = accounts.Verify(username, password)!;
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, SessionClaims.Principal(sessions.Start(user), CookieAuthenticationDefaults.AuthenticationScheme));
                return Results.LocalRedirect("/");
            })
            .AllowAnonymous()
            .RequireRateLimiting(LoginRateLimits.Policy);

        // Logging out ends every login of the admin: other browsers, scripts' tokens and open pages too.
        forms.MapPost("/logout", async (HttpContext http, SessionService sessions) =>
        {
            sessions.EndAll(http.User.Identity!.Name!);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
