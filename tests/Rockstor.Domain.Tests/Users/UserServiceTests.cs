using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Users;

public sealed class UserServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_new_user_is_an_account_of_the_machine_with_its_own_group_and_the_same_password_for_samba()
    {
        var nas = await Appliance.StartAloneAsync();

        var alice = await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass", FullName: "Alice Smith"), None);

        Assert.True(alice.Managed);
        Assert.Equal("alice", alice.PrimaryGroup);
        Assert.Equal("Alice Smith", alice.FullName);
        Assert.Null(alice.Shell);
        Assert.InRange(alice.Uid, 1001, 59999);
        Assert.Equal("secret-pass", nas.Accounts.Passwords["alice"]);
        Assert.Equal("secret-pass", nas.Samba.Passwords["alice"]);
        Assert.True(nas.Groups.Get("alice").Managed);
    }

    [Theory]
    [InlineData("Alice", "is not a valid user name")]
    [InlineData("-rf", "is not a valid user name")]
    [InlineData("9lives", "is not a valid user name")]
    [InlineData("a b", "is not a valid user name")]
    [InlineData("averyveryveryverylongusername1234", "is not a valid user name")]
    [InlineData("root", "is reserved for the system")]
    [InlineData("daemon", "is reserved for the system")]
    [InlineData("admin", "is reserved for the system")]
    public async Task A_name_that_is_not_a_plain_account_name_is_refused_and_nothing_is_made(string name, string sentence)
    {
        var nas = await Appliance.StartAloneAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Users.CreateAsync(new UserRequest(name, "secret-pass"), None));

        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Accounts.Calls);
        Assert.Empty(nas.Samba.Passwords);
    }

    [Fact]
    public async Task The_web_ui_admin_s_name_is_refused_for_a_user_of_shares()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Admins.Add(new Accounts.AdminUser { Username = "boss", PasswordHash = "h", CreatedAt = DateTimeOffset.UnixEpoch });

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Users.CreateAsync(new UserRequest("boss", "secret-pass"), None));

        Assert.Contains("is the web-ui admin's name", refused.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Accounts.Calls);
    }

    [Fact]
    public async Task A_name_or_uid_already_taken_on_the_machine_is_refused_with_the_holder_named()
    {
        var nas = await Appliance.StartAloneAsync();

        var name = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.CreateAsync(new UserRequest("olduser", "secret-pass"), None));
        var uid = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.CreateAsync(new UserRequest("bob", "secret-pass", Uid: 1000), None));

        Assert.Equal("A user named 'olduser' already exists on this machine.", name.Message);
        Assert.Equal("The user id 1000 is taken by 'olduser'.", uid.Message);
        Assert.Empty(nas.Accounts.Calls);
    }

    [Theory]
    [InlineData("short", "at least 8 characters")]
    [InlineData("line\nbreak-pass", "control characters")]
    public async Task A_weak_or_multi_line_password_is_refused(string password, string sentence)
    {
        var nas = await Appliance.StartAloneAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Users.CreateAsync(new UserRequest("carol", password), None));

        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Accounts.Calls);
    }

    [Theory]
    [InlineData("Smith, Alice", null, null, "may not contain ':', ','")]
    [InlineData(null, "/usr/bin/evil", null, "is not a login shell of this machine")]
    [InlineData(null, null, "ssh-ed25519 not-base64!", "is not one OpenSSH public key line")]
    [InlineData(null, null, "ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl", "is not one OpenSSH public key line")]
    public async Task A_full_name_shell_or_key_that_does_not_fit_is_refused(string? fullName, string? shell, string? key, string sentence)
    {
        var nas = await Appliance.StartAloneAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(
            () => nas.Users.CreateAsync(new UserRequest("dave", "secret-pass", FullName: fullName, Shell: shell, PublicKey: key), None));

        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Accounts.Calls);
    }

    [Fact]
    public async Task A_real_ed25519_key_and_a_login_shell_are_kept()
    {
        var nas = await Appliance.StartAloneAsync();
        const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl erin@laptop";

        var erin = await nas.Users.CreateAsync(new UserRequest("erin", "secret-pass", Shell: "/bin/bash", PublicKey: Key), None);

        Assert.Equal(Key, erin.PublicKey);
        Assert.Equal("/bin/bash", erin.Shell);
    }

    [Fact]
    public async Task When_samba_refuses_the_password_the_account_and_its_group_are_removed_again()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Samba.FailNextSet = true;

        await Assert.ThrowsAsync<StorageCommandException>(() => nas.Users.CreateAsync(new UserRequest("frank", "secret-pass"), None));

        Assert.DoesNotContain(nas.Accounts.Users(), u => u.Name == "frank");
        Assert.DoesNotContain(nas.Accounts.Groups(), g => g.Name == "frank");
        Assert.DoesNotContain(nas.Users.List(), u => u.Name == "frank");
        Assert.Empty(nas.Samba.Passwords);
    }

    [Fact]
    public async Task Accounts_the_appliance_did_not_make_are_listed_read_only_and_never_changed()
    {
        var nas = await Appliance.StartAloneAsync();

        var listed = nas.Users.List();
        var change = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.ChangeAsync("olduser", new UserChange(Password: "new-secret"), None));
        var delete = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.DeleteAsync("root", null, None));

        Assert.False(listed.Single(u => u.Name == "olduser").Managed);
        Assert.False(listed.Single(u => u.Name == "root").Managed);
        Assert.Contains("was not made by this appliance", change.Message, StringComparison.Ordinal);
        Assert.Contains("was not made by this appliance", delete.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Accounts.Calls);
    }

    [Fact]
    public async Task Ids_of_deleted_users_are_never_given_again()
    {
        var nas = await Appliance.StartAloneAsync();
        var first = await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Users.DeleteAsync("alice", null, None);

        var second = await nas.Users.CreateAsync(new UserRequest("bob", "secret-pass"), None);

        Assert.True(second.Uid > first.Uid, $"{second.Uid} after {first.Uid}");
        Assert.True(nas.Groups.Get("bob").Gid > first.Uid - 1);
    }

    [Fact]
    public async Task An_account_deleted_and_made_again_by_hand_is_no_longer_the_appliance_s()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        nas.Accounts.Remake("alice");

        var change = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.ChangeAsync("alice", new UserChange(Password: "other-secret"), None));
        await nas.ShareAsync("docs", "x");
        var owner = await Assert.ThrowsAsync<ConflictException>(() => nas.Shares.ChangeAsync("docs", new ShareChange(Owner: "alice"), None));

        Assert.Contains("made again outside this appliance", change.Message, StringComparison.Ordinal);
        Assert.Contains("made again outside this appliance", owner.Message, StringComparison.Ordinal);
        Assert.False(nas.Users.Get("alice").Managed);
    }

    [Fact]
    public async Task A_changed_password_reaches_the_machine_and_samba()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("gina", "secret-pass"), None);

        await nas.Users.ChangeAsync("gina", new UserChange(Password: "other-secret", FullName: "Gina"), None);

        Assert.Equal("other-secret", nas.Accounts.Passwords["gina"]);
        Assert.Equal("other-secret", nas.Samba.Passwords["gina"]);
        Assert.Equal("Gina", nas.Users.Get("gina").FullName);
    }

    [Fact]
    public async Task Deleting_a_user_who_owns_shares_asks_who_owns_them_after_and_then_gives_them_over()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("hank", "secret-pass"), None);
        await nas.ShareAsync("projects", "x");
        await nas.Shares.ChangeAsync("projects", new ShareChange(Owner: "hank", Group: "users"), None);

        var asked = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.DeleteAsync("hank", null, None));
        Assert.Contains("owns the share(s) projects", asked.Message, StringComparison.Ordinal);
        Assert.Contains(nas.Accounts.Users(), u => u.Name == "hank");

        await nas.Users.DeleteAsync("hank", "root", None);

        Assert.DoesNotContain(nas.Accounts.Users(), u => u.Name == "hank");
        Assert.DoesNotContain(nas.Accounts.Groups(), g => g.Name == "hank");
        Assert.False(nas.Samba.Passwords.ContainsKey("hank"));
        Assert.Equal("root", nas.Shares.Require("projects").Owner);
        Assert.Equal(0, nas.Files.Ownership[nas.Layout.SharePath(Appliance.Pool, "projects")].Uid);
    }

    [Fact]
    public async Task A_user_whose_own_group_is_a_share_s_group_is_not_deleted_until_the_share_has_another()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("ivy", "secret-pass"), None);
        await nas.ShareAsync("team", "x");
        await nas.Shares.ChangeAsync("team", new ShareChange(Group: "ivy"), None);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.Users.DeleteAsync("ivy", null, None));

        Assert.Contains("is the group of the share(s) team", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nas.Accounts.Users(), u => u.Name == "ivy");
    }
}
