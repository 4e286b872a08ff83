using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Rockstor.Infrastructure;
using Rockstor.Infrastructure.Peers;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Two ways in: a cookie for the web-ui and a bearer token (from POST /api/auth/token) for scripts. A
/// request with an Authorization header is judged by the token, any other by the cookie. Everything
/// requires a signed-in admin unless it is marked anonymous (setup, login, health, static files). Every
/// cookie and token carries a session that is checked on each request (<see cref="SessionValidation"/>).
/// </summary>
public static class AuthComposition
{
    public const string Scheme = "Rockstor";

    public const string AdminRole = "admin";

    public const string PeerRole = "peer";

    public const string PeerPolicy = "peer";

    /// <summary>The login cookie. "__Host-": only this host's HTTPS origin can set it, for the whole path.</summary>
    public const string CookieName = "__Host-rockstor";

    public static IServiceCollection AddRockstorAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie, bearer token or peer credential", policy => policy.ForwardDefaultSelector = context => SchemeFor(context.Request))
            .AddScheme<AuthenticationSchemeOptions, PeerAuthenticationHandler>(PeerClient.Scheme, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, cookie =>
            {
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/account/logout";
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.Path = "/";
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = SessionValidation.ValidateCookieAsync;
                cookie.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
            })
            .AddBearerToken(BearerTokenDefaults.AuthenticationScheme, bearer => bearer.Events.OnMessageReceived = SessionValidation.ValidateBearerAsync);

        // The idle lifetime: a cookie slides within it; a token (and its refresh token) lasts it from its issue.
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<RockstorOptions>>((cookie, rockstor) => cookie.ExpireTimeSpan = rockstor.Value.SessionIdleTimeout);
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<RockstorOptions>>((bearer, rockstor) =>
            {
                bearer.BearerTokenExpiration = rockstor.Value.SessionIdleTimeout;
                bearer.RefreshTokenExpiration = rockstor.Value.SessionIdleTimeout;
            });

        // Everything is for the admin unless marked otherwise; a paired appliance reaches only /api/peer.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(AdminRole).Build())
            .AddPolicy(PeerPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(PeerRole));
        return services;
    }

    /// <summary>The scheme that judges a request: its Authorization header if it has a peer credential or a bearer token, else the cookie.</summary>
    public static string SchemeFor(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith(PeerClient.Scheme + " ", StringComparison.Ordinal))
        {
            return PeerClient.Scheme;
        }

        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? BearerTokenDefaults.AuthenticationScheme
            : CookieAuthenticationDefaults.AuthenticationScheme;
    }

    /// <summary>API callers get a status code; people in a browser get the login page.</summary>
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (IsApi(context.Request))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/openapi") || request.Path.StartsWithSegments("/hubs");
}
