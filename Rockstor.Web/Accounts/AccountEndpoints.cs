using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Web.Api;
using Rockstor.Web.Hosting;

namespace Rockstor.Web.Accounts;

/// <summary>Setup, login and logout: the only routes open without a login (with health and static files).</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Accounts");
        api.MapPost("/setup", (SetupRequest request, AccountService accounts, ApplianceIdentity identity, ILocalCertificate certificate) =>
            {
                accounts.Setup(request);
                return TypedResults.Ok(ApplianceDto.From(identity.Current, certificate.Fingerprint));
            })
            .AllowAnonymous()
            .RequireRateLimiting(WebComposition.LoginRateLimit);

        api.MapPost("/auth/token", (Credentials credentials, AccountService accounts) =>
            {
                var user = accounts.Verify(credentials.Username, credentials.Password);
                return user is null
                    ? Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Login failed", detail: "The username or password is wrong.")
                    : Results.SignIn(Principal(user, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            })
            .AllowAnonymous()
            .RequireRateLimiting(WebComposition.LoginRateLimit);

        var forms = app.MapGroup("/account").ExcludeFromDescription();
        forms.MapPost("/login", async (HttpContext http, [FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, AccountService accounts) =>
            {
                var user = accounts.Verify(username, password);
                if (user is null)
                {
                    var back = IsLocal(returnUrl) ? "&returnUrl=" + Uri.EscapeDataString(returnUrl!) : "";
                    return Results.Redirect("/login?error=credentials" + back);
                }

                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            })
            .AllowAnonymous()
            .RequireRateLimiting(WebComposition.LoginRateLimit);

        forms.MapPost("/setup", async (HttpContext http, [FromForm] string? username, [FromForm] string? password, [FromForm] string? hostname, AccountService accounts) =>
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
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user, CookieAuthenticationDefaults.AuthenticationScheme));
                return Results.LocalRedirect("/");
            })
            .AllowAnonymous()
            .RequireRateLimiting(WebComposition.LoginRateLimit);

        forms.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login");
        });
        return app;
    }

    private static ClaimsPrincipal Principal(AdminUser user, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Username), new Claim(ClaimTypes.Role, AuthComposition.AdminRole)], scheme));

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
