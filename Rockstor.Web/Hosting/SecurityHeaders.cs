using System.Security.Cryptography;

namespace Rockstor.Web.Hosting;

/// <summary>
/// The headers every answer carries (pages, API, files, errors): HTTPS only from now on (HSTS), a content
/// security policy that lets in the app's own scripts and styles and nothing else, no MIME sniffing, no
/// referrer to other sites, not in frames. Set when the answer starts, so errors carry them too.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string NonceKey = "rockstor:csp-nonce";

    /// <summary>
    /// The nonce of this answer's one inline script (the import map). Scripts come from the appliance
    /// ('self'); styles too, and inline: MudBlazor sets style attributes and its theme writes a style
    /// element. WebSockets (the circuit) to this host only.
    /// </summary>
    public static string Policy(string nonce, HostString host) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        $"connect-src 'self' wss://{host}; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>The nonce for the page's inline script; null outside a request.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    public Task InvokeAsync(HttpContext context)
    {
        // Hex digits only: base64's '+' is written into the page as "&#x2B;", which the browser reads back
        // but a check of the page's text does not (a test failed on about one answer in three).
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            headers.ContentSecurityPolicy = Policy(nonce, context.Request.Host);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
