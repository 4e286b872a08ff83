using System.Net;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Tests.Common;

public sealed class NetworkHostTests
{
    [Theory]
    [InlineData("mail.example.com")]
    [InlineData("smtp")]
    [InlineData("mx-1.mail.example.com")]
    [InlineData("192.0.2.7")]
    [InlineData("2001:db8::7")]
    [InlineData("[2001:db8::7]")]
    [InlineData("fe80::1%eth0")]
    public void Host_names_and_ip_addresses_are_hosts(string host)
    {
        Assert.True(NetworkHost.IsValid(host));
        Assert.Equal(host, NetworkHost.Validate($" {host} ", "SMTP server"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("mail.example.com:587")]
    [InlineData("smtp://mail.example.com")]
    [InlineData("mail example.com")]
    [InlineData("mail.example.com; rm -rf /")]
    [InlineData("-mail.example.com")]
    [InlineData("mail-.example.com")]
    [InlineData("mail..example.com")]
    [InlineData("mail.example.com/")]
    [InlineData("ex\u00e4mple.com")]
    [InlineData("a\nb")]
    public void Anything_else_is_not_a_host(string? host)
    {
        Assert.False(NetworkHost.IsValid(host));
    }

    [Fact]
    public void A_host_name_is_bounded_by_dns_s_lengths()
    {
        Assert.True(NetworkHost.IsValid(new string('a', 63) + ".example.com"));
        Assert.False(NetworkHost.IsValid(new string('a', 64) + ".example.com"));
        Assert.False(NetworkHost.IsValid(string.Join('.', Enumerable.Repeat(new string('a', 60), 5))));
    }

    [Fact]
    public void An_smtp_server_that_is_not_a_host_is_refused_with_the_rule()
    {
        var request = new AlertSettingsRequest("mail.example.com:587", null, "starttls", null, null, "nas@example.com", "admin@example.com", null);

        var refusal = Assert.Throws<ValidationException>(() => request.Validate(AlertSettings.None));

        Assert.Equal($"The SMTP server 'mail.example.com:587' is not a host name or IP address. {NetworkHost.Rule}", refusal.Message);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.1.2.3")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void Loopback_and_unspecified_addresses_are_this_machine(string address)
    {
        Assert.True(NetworkHost.IsThisMachine(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.231.7.1")]
    [InlineData("192.0.2.7")]
    [InlineData("128.0.0.1")]
    [InlineData("2001:db8::1")]
    [InlineData("::ffff:10.0.0.1")]
    public void Other_addresses_are_not(string address)
    {
        Assert.False(NetworkHost.IsThisMachine(IPAddress.Parse(address)));
    }
}
