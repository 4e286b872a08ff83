using System.Net;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Alerts;

/// <summary>
/// Where a webhook may post: not to this machine (a loopback or unspecified address, or a name that
/// resolves to one) unless the admin allows it. Otherwise anyone who may change the alert settings could
/// make the appliance post to services that listen only on its loopback, believing nobody else can reach them.
/// </summary>
public static class WebhookTarget
{
    /// <summary>The name or address the webhook's address connects to, as DNS takes it (an IPv6 address without brackets).</summary>
    public static string Host(Uri url) => url.HostNameType == UriHostNameType.IPv6 ? url.Host.Trim('[', ']') : url.IdnHost;

    /// <summary>Why the webhook may not be posted to at these addresses, or null when it may.</summary>
    public static string? Refusal(Uri url, IEnumerable<IPAddress> addresses, bool allowLoopback) =>
        allowLoopback || !addresses.Any(NetworkHost.IsThisMachine)
            ? null
            : $"The webhook's host {Echo.Of(url.Host)} is this appliance (a loopback address such as 127.0.0.1 or ::1); "
              + "alerts are posted there only when loopback webhooks are allowed.";
}
