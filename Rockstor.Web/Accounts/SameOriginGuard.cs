using Microsoft.AspNetCore.Authentication.Cookies;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Browsers send the login cookie with requests that a page of another origin makes, when that origin is
/// of the same site (another port of this host): SameSite does not tell ports apart. So a request judged by
/// the cookie that changes something (any method but GET, HEAD, OPTIONS and TRACE: the API, the logout) or
/// that opens the web-ui circuit or a hub (WebSocket upgrades included) must come from this appliance's
/// own origin, as the browser states it in Sec-Fetch-Site and Origin; else it is refused with 403.
/// Requests with a bearer token or a peer credential are judged by that header, which no page of another
/// origin can make a browser send, and pass.
/// </summary>
public sealed class SameOriginGuard(RequestDelegate next)
{
    public const string Refusal =
        "This request came from a page of another site or port; the appliance accepts changes only from its own pages, or with a bearer token.";

    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (!NeedsOwnOrigin(context.Request) || ComesFromOwnOrigin(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Refused: another origin", Detail = Refusal },
        });
    }

    private static bool NeedsOwnOrigin(HttpRequest request)
    {
        if (AuthComposition.SchemeFor(request) != CookieAuthenticationDefaults.AuthenticationScheme)
        {
            return false;
        }

        var method = request.Method;
        var changes = !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));
        return changes || request.Path.StartsWithSegments("/_blazor") || request.Path.StartsWithSegments("/hubs");
    }

    private static bool ComesFromOwnOrigin(HttpRequest request)
    {
        // "same-origin", or "none" (the user's own doing: typed, a bookmark); "same-site" is another port.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return IsOwn(origin, request);
        }

        // A browser names the origin of every POST and WebSocket; a client that names neither is no
        // browser, and is let through only when it does not carry the login cookie (scripts use tokens).
        return site.Length > 0 || !request.Cookies.ContainsKey(AuthComposition.CookieName);
    }

    private static bool IsOwn(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.AbsolutePath == "/"
        && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase)
        && uri.Port == (request.Host.Port ?? (request.IsHttps ? 443 : 80));
}
