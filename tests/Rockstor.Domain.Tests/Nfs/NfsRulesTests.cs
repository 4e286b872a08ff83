using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;

namespace Rockstor.Domain.Tests.Nfs;

public sealed class NfsRulesTests
{
    [Theory]
    [InlineData("pc1.home.lan", "pc1.home.lan")]
    [InlineData(" PC1 ", "pc1")]
    [InlineData("192.168.1.20", "192.168.1.20")]
    [InlineData("192.168.1.0/24", "192.168.1.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::7", "2001:db8::7")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    public void A_host_an_address_or_a_range_is_taken_as_the_server_will_read_it(string host, string expected) =>
        Assert.Equal(expected, NfsRules.Host(host));

    [Theory]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("pc1 pc2")]
    [InlineData("pc1\"; Access_Type = RW")]
    [InlineData("192.168.1.0/33")]
    [InlineData("192.168.1.0/x")]
    [InlineData("999.1.1.1")]
    [InlineData("fe80::1%eth0")]
    [InlineData("-bad.example")]
    public void Anything_else_is_refused_with_what_a_client_can_be(string host)
    {
        var refused = Assert.Throws<ValidationException>(() => NfsRules.Host(host));

        Assert.Contains(NfsRules.HostRule, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_with_bits_after_its_prefix_is_refused_with_the_range_it_means()
    {
        var refused = Assert.Throws<ValidationException>(() => NfsRules.Host("192.168.1.7/24"));

        Assert.Contains("the range it means is 192.168.1.0/24", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_is_squashed_unless_turned_off_and_all_squash_implies_it()
    {
        var clients = NfsRules.Clients(
            [new("10.0.0.0/8", "rw"), new("pc1", "RO", RootSquash: false), new("pc2", "rw", RootSquash: false, AllSquash: true)],
            enabled: true);

        Assert.Equal(
            [new NfsClient("10.0.0.0/8", false, true, false), new NfsClient("pc1", true, false, false), new NfsClient("pc2", false, true, true)],
            clients);
    }

    [Fact]
    public void An_enabled_export_needs_a_client_each_host_once_and_an_access_that_is_ro_or_rw()
    {
        var none = Assert.Throws<ValidationException>(() => NfsRules.Clients([], enabled: true));
        var twice = Assert.Throws<ValidationException>(() => NfsRules.Clients([new("pc1", "rw"), new("PC1", "ro")], enabled: true));
        var access = Assert.Throws<ValidationException>(() => NfsRules.Clients([new("pc1", "write")], enabled: true));
        var many = Assert.Throws<ValidationException>(() => NfsRules.Clients([.. Enumerable.Range(1, NfsRules.MaxClients + 1).Select(i => new NfsClientRequest($"pc{i}", "ro"))], enabled: true));

        Assert.Contains("at least one client", none.Message, StringComparison.Ordinal);
        Assert.Contains("'pc1' is listed more than once", twice.Message, StringComparison.Ordinal);
        Assert.Contains("\"ro\" (read-only) or \"rw\"", access.Message, StringComparison.Ordinal);
        Assert.Contains("use a CIDR range", many.Message, StringComparison.Ordinal);
        Assert.Empty(NfsRules.Clients(null, enabled: false));
    }
}
