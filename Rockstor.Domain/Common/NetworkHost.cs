using System.Net;

namespace Rockstor.Domain.Common;

/// <summary>
/// A host the appliance connects to (a mail server, another appliance, a webhook): a DNS name or an IP
/// address, nothing else (no port, no scheme, no spaces); and whether an address is this machine.
/// </summary>
public static class NetworkHost
{
    public const string Rule = "Give a host name (letters, digits and '-' between dots, such as mail.example.com) or an IP address.";

    public static bool IsValid(string? host) => !string.IsNullOrEmpty(host) && (IsIpAddress(host) || IsDnsName(host));

    /// <summary>The host, trimmed, or a <see cref="ValidationException"/> that says what a host is.</summary>
    public static string Validate(string? host, string what)
    {
        var trimmed = host?.Trim() ?? "";
        return IsValid(trimmed)
            ? trimmed
            : throw new ValidationException($"The {what} '{Echo.Of(host)}' is not a host name or IP address. {Rule}");
    }

    /// <summary>
    /// Whether connecting to the address reaches this machine: loopback (127.0.0.0/8, ::1, also written as
    /// an IPv4-mapped IPv6 address) or the unspecified address (0.0.0.0, ::), which Linux connects locally.
    /// </summary>
    public static bool IsThisMachine(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
    }

    /// <summary>
    /// An address literal. An IPv4 address (192.0.2.7) has the shape of a DNS name and passes as one; this
    /// is for IPv6 (2001:db8::7, fe80::1%eth0, or [2001:db8::7] as in a URL).
    /// </summary>
    private static bool IsIpAddress(string host)
    {
        var bare = host is ['[', .., ']'] ? host[1..^1] : host;
        return bare.Contains(':', StringComparison.Ordinal)
            && IPAddress.TryParse(bare, out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    /// <summary>RFC 1123: at most 253 characters, labels of 1 to 63 letters, digits and '-', not starting or ending with '-'.</summary>
    private static bool IsDnsName(string host) =>
        host.Length <= 253
        && host.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && label[0] != '-' && label[^1] != '-');
}
