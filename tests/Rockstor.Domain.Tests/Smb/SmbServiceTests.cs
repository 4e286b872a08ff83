using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Smb;

public sealed class SmbServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_export_is_stored_only_after_samba_took_it()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");

        nas.SambaServer.RefuseWith = "Unknown parameter";
        await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetAsync("docs", new SmbExportRequest(Enabled: true), None));
        Assert.False(nas.Smb.Get("docs").Enabled);

        nas.SambaServer.RefuseWith = null;
        var export = await nas.Smb.SetAsync("docs", new SmbExportRequest(Enabled: true, ReadOnly: true), None);

        Assert.True(nas.Smb.Get("docs").Enabled);
        Assert.Equal(export, Assert.Single(nas.SambaServer.Exports));
    }

    [Fact]
    public async Task Only_users_and_groups_of_the_appliance_may_be_given_access_and_guest_shares_name_nobody()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);

        var stranger = await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetAsync("docs", new SmbExportRequest(true, Users: ["olduser"]), None));
        var group = await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetAsync("docs", new SmbExportRequest(true, Groups: ["root"]), None));
        var guest = await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetAsync("docs", new SmbExportRequest(true, Guest: true, Users: ["alice"]), None));
        var allowed = await nas.Smb.SetAsync("docs", new SmbExportRequest(true, Users: ["alice", "alice"], Groups: ["users"]), None);

        Assert.Contains("only a user made on this appliance's Users screen can", stranger.Message, StringComparison.Ordinal);
        Assert.Contains("only a group made on this appliance's Users screen or users can", group.Message, StringComparison.Ordinal);
        Assert.Contains("A guest share is open to anyone", guest.Message, StringComparison.Ordinal);
        Assert.Equal(["alice"], allowed.Users);
        Assert.Equal(1, nas.SambaServer.Applied);
    }

    [Fact]
    public async Task A_replica_is_offered_read_only_and_never_for_writing()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Records.AddShare("nas2_docs", Appliance.Pool, ShareKind.Replica);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetAsync("nas2_docs", new SmbExportRequest(true, ReadOnly: false), None));
        var export = await nas.Smb.SetAsync("nas2_docs", new SmbExportRequest(true), None);

        Assert.Contains("can be offered read-only", refused.Message, StringComparison.Ordinal);
        Assert.True(export.ReadOnly);
    }

    [Fact]
    public async Task Deleting_a_user_takes_them_out_of_the_exports_and_a_share_goes_only_once_it_is_no_longer_offered()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.ShareAsync("photos", "y");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Users.CreateAsync(new UserRequest("bob", "secret-pass"), None);
        await nas.Smb.SetAsync("docs", new SmbExportRequest(true, Users: ["alice", "bob"]), None);
        await nas.Smb.SetAsync("photos", new SmbExportRequest(true), None);

        await nas.Users.DeleteAsync("alice", null, None);
        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.Shares.DeleteAsync("photos", deleteSnapshots: false, None));
        Assert.Equal("Share 'photos' is offered over SMB; stop offering it there (its SMB settings on the Shares screen) before deleting it.", refused.Message);
        Assert.Contains("photos", nas.Shares.Names());

        await nas.Smb.SetAsync("photos", new SmbExportRequest(false), None);
        await nas.Shares.DeleteAsync("photos", deleteSnapshots: false, None);

        Assert.Equal(["bob"], Assert.Single(nas.SambaServer.Exports).Users);
        Assert.Equal("docs", nas.SambaServer.Exports[0].Share);
        Assert.Null(nas.SmbRecords.Find("photos"));
    }

    [Theory]
    [InlineData("global")]
    [InlineData("Homes")]
    [InlineData("printers")]
    public async Task A_share_named_as_one_of_samba_s_own_sections_is_not_offered(string name)
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync(name, "x");

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetAsync(name, new SmbExportRequest(true), None));

        Assert.Contains("Samba keeps that name for its own settings", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, nas.SambaServer.Applied);
    }

    [Fact]
    public async Task Two_shares_whose_names_differ_only_in_case_are_not_both_offered()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("Data", "x");
        await nas.ShareAsync("data", "y");
        await nas.Smb.SetAsync("Data", new SmbExportRequest(true), None);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.Smb.SetAsync("data", new SmbExportRequest(true), None));

        Assert.Contains("differ only in case", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["Data"], nas.SambaServer.Exports.Select(e => e.Share));
    }

    [Fact]
    public async Task Deleting_a_group_leaves_a_user_of_the_same_name_on_the_lists()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass", PrimaryGroup: "users"), None);
        await nas.Groups.CreateAsync(new GroupRequest("alice2"), None);
        await nas.Smb.SetAsync("docs", new SmbExportRequest(true, Users: ["alice"], Groups: ["alice2"]), None);

        await nas.Groups.DeleteAsync("alice2", None);

        var export = nas.Smb.Get("docs");
        Assert.Equal(["alice"], export.Users);
        Assert.Empty(export.Groups);
    }

    [Fact]
    public async Task A_share_made_again_under_an_old_name_starts_unexported()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Smb.SetAsync("docs", new SmbExportRequest(true), None);
        nas.SmbRecords.Save(nas.SmbRecords.Find("docs")! with { ShareCreatedAt = DateTimeOffset.UnixEpoch.AddDays(-1) }); // as if the share had gone with its pool

        Assert.False(nas.Smb.Get("docs").Enabled);
        Assert.Empty(nas.Smb.Exports());
    }

    [Theory]
    [InlineData("server string = Our NAS", null)]
    [InlineData("Server   String=Our NAS", null)]
    [InlineData("log file = /tmp/x", "is not one the appliance lets you add")]
    [InlineData("logfile = /tmp/x", "is not one the appliance lets you add")]
    [InlineData("include = /etc/passwd", "is not one the appliance lets you add")]
    [InlineData("add user script = /bin/sh -c id", "is not one the appliance lets you add")]
    [InlineData("root preexec = touch /x", "is not one the appliance lets you add")]
    [InlineData("root preex ec = touch /x", "is not one the appliance lets you add")]
    [InlineData("preload modules = /tmp/evil.so", "is not one the appliance lets you add")]
    [InlineData("panic action = /bin/sh", "is not one the appliance lets you add")]
    [InlineData("admin users = alice", "is not one the appliance lets you add")]
    [InlineData("[homes]", "is not a Samba option")]
    [InlineData("server string = line \\", "is not a Samba option")]
    [InlineData("no equals sign", "is not a Samba option")]
    public async Task Only_extra_global_options_known_to_be_harmless_are_taken_however_their_names_are_spaced(string line, string? sentence)
    {
        var nas = await Appliance.StartAloneAsync();

        if (sentence is null)
        {
            var settings = await nas.Smb.SetSettingsAsync(new SmbSettingsRequest(GlobalOptions: [line]), None);
            Assert.Equal(["server string = Our NAS"], settings.GlobalOptions);
            return;
        }

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetSettingsAsync(new SmbSettingsRequest(GlobalOptions: [line]), None));
        Assert.Contains(sentence, refused.Message, StringComparison.Ordinal);
        Assert.Empty(nas.Smb.Settings().GlobalOptions);
    }

    [Theory]
    [InlineData("office", "OFFICE")]
    [InlineData("a-b_c", "A-B_C")]
    public async Task A_workgroup_is_kept_in_upper_case(string workgroup, string kept)
    {
        var nas = await Appliance.StartAloneAsync();

        Assert.Equal(kept, (await nas.Smb.SetSettingsAsync(new SmbSettingsRequest(workgroup), None)).Workgroup);
        await Assert.ThrowsAsync<ValidationException>(() => nas.Smb.SetSettingsAsync(new SmbSettingsRequest("much-too-long-workgroup"), None));
    }
}
