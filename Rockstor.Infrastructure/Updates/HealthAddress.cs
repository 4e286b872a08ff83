using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Rockstor.Infrastructure.Updates;

/// <summary>
/// Where the updater asks whether the appliance is healthy: /healthz on the first address the web server
/// listens on, reached on this machine (an "any" address becomes the loopback).
/// </summary>
public sealed class HealthAddress(IServiceProvider services)
{
    public string Url
    {
        get
        {
            var address = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses
                .OrderByDescending(a => a.StartsWith("https:", StringComparison.Ordinal))
                .FirstOrDefault() ?? "https://127.0.0.1:8443";
            var uri = new UriBuilder(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
            if (uri.Host is "0.0.0.0" or "[::]" or "::")
            {
                uri.Host = "127.0.0.1";
            }

            uri.Path = "/healthz";
            return uri.Uri.ToString();
        }
    }
}
