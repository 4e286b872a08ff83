using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Rockstor.Infrastructure;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Setup, login and token requests (and a peer's pairing calls) are limited per client address to
/// <see cref="RockstorOptions.LoginAttemptsPerMinute"/> a minute: one guess after another at the password
/// soon waits. People at the login or setup form get the form back with the reason; scripts get 429.
/// </summary>
public static class LoginRateLimits
{
    /// <summary>The policy's name, for <c>RequireRateLimiting</c> on the routes it guards.</summary>
    public const string Policy = "login";

    public const string TooManyAttempts = "Too many attempts from this address; wait a minute and try again.";

    public static IServiceCollection AddLoginRateLimits(this IServiceCollection services) =>
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                if (context.HttpContext.Request.Path.StartsWithSegments("/account"))
                {
                    context.HttpContext.Response.Redirect(
                        context.HttpContext.Request.Path.StartsWithSegments("/account/setup") ? "/setup?error=" + Uri.EscapeDataString(TooManyAttempts) : "/login?error=throttled");
                }

                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<RockstorOptions>>().Value.LoginAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });
}
