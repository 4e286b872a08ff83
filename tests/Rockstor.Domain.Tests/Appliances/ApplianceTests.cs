using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Tests.Appliances;

public class ApplianceTests
{
    private sealed class MemoryStore : IApplianceStore
    {
        public ApplianceInfo? Saved { get; private set; }

        public ApplianceInfo? Get() => Saved;

        public void Save(ApplianceInfo appliance) => Saved = appliance;
    }

    [Fact]
    public void An_id_is_made_once_and_kept()
    {
        var store = new MemoryStore();
        var identity = new ApplianceIdentity(store);

        var first = identity.Ensure(null);
        var again = identity.Ensure(null);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(32, first.Id.Length);
    }

    [Fact]
    public void A_configured_id_that_starts_with_a_digit_replaces_the_stored_one_and_keeps_the_hostname()
    {
        var store = new MemoryStore();
        store.Save(new ApplianceInfo { Id = "abc", Hostname = "nas1" });

        var appliance = new ApplianceIdentity(store).Ensure("0f3a9c2e-1d4b");

        Assert.Equal(("0f3a9c2e-1d4b", "nas1"), (store.Saved!.Id, store.Saved.Hostname));
        Assert.Equal("0f3a9c2e-1d4b", appliance.Id);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("ABC")]
    [InlineData("")]
    public void A_configured_id_that_is_not_hex_is_refused(string id)
    {
        Assert.Throws<ValidationException>(() => new ApplianceIdentity(new MemoryStore()).Ensure(id));
    }

    [Theory]
    [InlineData("nas")]
    [InlineData("0nas-1")]
    public void Hostnames_follow_the_dns_label_rule(string hostname)
    {
        Assert.Equal(hostname, Hostnames.Validate(hostname));
    }

    [Theory]
    [InlineData("-nas")]
    [InlineData("nas-")]
    [InlineData("nas.local")]
    [InlineData("")]
    public void Other_hostnames_are_refused(string hostname)
    {
        Assert.Throws<ValidationException>(() => Hostnames.Validate(hostname));
    }
}
