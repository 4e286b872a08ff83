using Rockstor.Domain.Common;
using Rockstor.Domain.Configuration;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Configuration;

/// <summary>The accounts a configuration file brings, checked against a machine (root, "users", "olduser" 1000) before the import writes anything.</summary>
public sealed class ImportedAccountsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static LocalGroup Family => new() { Name = "family", Gid = 1500, CreatedAt = At };

    private static LocalUser Alice => new() { Name = "alice", Uid = 1500, PrimaryGroup = "family", Shell = "/bin/bash", CreatedAt = At };

    [Fact]
    public void Accounts_that_keep_the_rules_and_fit_the_machine_pass()
    {
        var own = new LocalUser { Name = "bob", Uid = 1501, PrimaryGroup = "bob", OwnGroup = true, CreatedAt = At };

        new ImportedAccounts([Alice, own], [Family, new LocalGroup { Name = "bob", Gid = 1501, CreatedAt = At }]).Check(new FakeAccountDatabase());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    public void A_user_with_a_system_uid_is_refused(int uid) =>
        Refused(new ImportedAccounts([Alice with { Uid = uid }], [Family]), "between 1000");

    [Fact]
    public void A_user_whose_primary_group_is_a_system_group_is_refused() =>
        Refused(new ImportedAccounts([Alice with { PrimaryGroup = "disk" }], [Family]), "'disk'");

    [Fact]
    public void A_group_with_a_reserved_name_is_refused() =>
        Refused(new ImportedAccounts([Alice with { PrimaryGroup = "sudo" }], [Family, new LocalGroup { Name = "sudo", Gid = 1600, CreatedAt = At }]), "reserved");

    [Fact]
    public void A_shell_the_machine_does_not_list_is_refused() =>
        Refused(new ImportedAccounts([Alice with { Shell = "/tmp/evil" }], [Family]), "login shell");

    [Fact]
    public void A_uid_another_account_holds_on_the_machine_is_refused() =>
        Refused(new ImportedAccounts([Alice with { Uid = 1000 }], [Family]), "'olduser'");

    [Fact]
    public void A_gid_another_group_holds_on_the_machine_is_refused() =>
        Refused(new ImportedAccounts([Alice], [Family with { Gid = 1000 }]), "'olduser'");

    [Fact]
    public void A_full_name_that_would_add_a_field_to_the_user_database_is_refused() =>
        Refused(new ImportedAccounts([Alice with { FullName = "Alice:0:0" }], [Family]), "The file was not imported");

    private static void Refused(ImportedAccounts accounts, string named)
    {
        var refusal = Assert.Throws<ValidationException>(() => accounts.Check(new FakeAccountDatabase()));

        Assert.StartsWith("The file was not imported and nothing was changed.", refusal.Message, StringComparison.Ordinal);
        Assert.True(refusal.Message.Contains(named, StringComparison.Ordinal), refusal.Message);
    }
}
