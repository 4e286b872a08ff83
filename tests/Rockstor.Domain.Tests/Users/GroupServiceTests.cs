using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Users;

public sealed class GroupServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_group_is_made_with_the_users_the_appliance_made_as_members()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Users.CreateAsync(new UserRequest("bob", "secret-pass"), None);

        var staff = await nas.Groups.CreateAsync(new GroupRequest("team", Members: ["alice", "bob", "alice"]), None);

        Assert.True(staff.Managed);
        Assert.Equal(["alice", "bob"], staff.Members);
        Assert.Equal(["team"], nas.Users.Get("alice").Groups);
    }

    [Fact]
    public async Task A_member_the_appliance_did_not_make_is_refused_and_no_group_is_made()
    {
        var nas = await Appliance.StartAloneAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Groups.CreateAsync(new GroupRequest("team", Members: ["olduser"]), None));

        Assert.Contains("only users made on this appliance's Users screen can join", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(nas.Accounts.Groups(), g => g.Name == "team");
    }

    [Fact]
    public async Task When_setting_the_members_fails_the_new_group_is_removed_again()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        nas.Accounts.FailNext(nameof(IAccountDatabase.SetMembersAsync));

        await Assert.ThrowsAsync<StorageCommandException>(() => nas.Groups.CreateAsync(new GroupRequest("team", Members: ["alice"]), None));

        Assert.DoesNotContain(nas.Accounts.Groups(), g => g.Name == "team");
        Assert.DoesNotContain(nas.Groups.List(), g => g.Name == "team");
    }

    [Fact]
    public async Task A_group_taken_by_name_or_id_or_made_by_someone_else_is_left_alone()
    {
        var nas = await Appliance.StartAloneAsync();

        var name = await Assert.ThrowsAsync<ConflictException>(() => nas.Groups.CreateAsync(new GroupRequest("olduser"), None));
        var id = await Assert.ThrowsAsync<ConflictException>(() => nas.Groups.CreateAsync(new GroupRequest("team", Gid: 1000), None));
        var delete = await Assert.ThrowsAsync<ConflictException>(() => nas.Groups.DeleteAsync("olduser", None));

        Assert.Equal("A group named 'olduser' already exists on this machine.", name.Message);
        Assert.Equal("The group id 1000 is taken by 'olduser'.", id.Message);
        Assert.Contains("was not made by this appliance", delete.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Accounts.Calls);
    }

    [Fact]
    public async Task A_group_that_is_a_share_s_group_is_not_deleted()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.Groups.CreateAsync(new GroupRequest("team"), None);
        await nas.ShareAsync("docs", "x");
        await nas.Shares.ChangeAsync("docs", new ShareChange(Group: "team"), None);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.Groups.DeleteAsync("team", None));

        Assert.Contains("is the group of the share(s) docs", refused.Message, StringComparison.Ordinal);
        Assert.Contains(nas.Accounts.Groups(), g => g.Name == "team");
    }
}
