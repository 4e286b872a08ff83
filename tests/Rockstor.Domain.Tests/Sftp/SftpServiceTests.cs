using Rockstor.Domain.Common;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Sftp;

public sealed class SftpServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_export_is_stored_only_after_the_ssh_server_took_it()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);

        nas.SftpServer.RefuseWith = "Bad configuration option";
        await Assert.ThrowsAsync<ValidationException>(() => nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice"]), None));
        Assert.False(nas.Sftp.Get("docs").Enabled);

        nas.SftpServer.RefuseWith = null;
        var export = await nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice", "alice"]), None);

        Assert.Equal(["alice"], export.Users);
        Assert.True(nas.Sftp.Get("docs").Enabled);
        Assert.Equal(export, Assert.Single(nas.SftpServer.Exports));
    }

    [Fact]
    public async Task Only_users_made_on_the_appliance_are_offered_a_share_and_an_export_that_is_on_names_at_least_one()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");

        var stranger = await Assert.ThrowsAsync<ValidationException>(() => nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["root"]), None));
        var nobody = await Assert.ThrowsAsync<ValidationException>(() => nas.Sftp.SetAsync("docs", new SftpExportRequest(true), None));
        var off = await nas.Sftp.SetAsync("docs", new SftpExportRequest(false), None);

        Assert.Equal("'root' cannot be offered a share over SFTP: only a user made on this appliance's Users screen can.", stranger.Message);
        Assert.StartsWith("Choose at least one user", nobody.Message, StringComparison.Ordinal);
        Assert.False(off.Enabled);
        Assert.Equal(1, nas.SftpServer.Applied);
    }

    [Fact]
    public async Task A_replica_is_not_offered_over_sftp()
    {
        var nas = await Appliance.StartAloneAsync();
        nas.Records.AddShare("nas2_docs", Appliance.Pool, ShareKind.Replica);
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Sftp.SetAsync("nas2_docs", new SftpExportRequest(true, ["alice"]), None));

        Assert.Contains("is a replica", refused.Message, StringComparison.Ordinal);
        Assert.Contains("clone it and offer the clone", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, nas.SftpServer.Applied);
    }

    [Fact]
    public async Task Deleting_a_user_takes_them_off_the_lists_and_an_export_left_naming_nobody_is_turned_off()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.ShareAsync("photos", "y");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Users.CreateAsync(new UserRequest("bob", "secret-pass"), None);
        await nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice", "bob"]), None);
        await nas.Sftp.SetAsync("photos", new SftpExportRequest(true, ["alice"]), None);

        await nas.Users.DeleteAsync("alice", null, None);

        Assert.Equal(["bob"], nas.Sftp.Get("docs").Users);
        Assert.True(nas.Sftp.Get("docs").Enabled);
        Assert.Empty(nas.Sftp.Get("photos").Users);
        Assert.False(nas.Sftp.Get("photos").Enabled);
        Assert.Equal(["docs"], nas.SftpServer.Exports.Where(e => e.Enabled).Select(e => e.Share));
        Assert.DoesNotContain(nas.SftpServer.Exports, e => e.Users.Contains("alice"));
    }

    [Fact]
    public async Task A_share_offered_over_sftp_is_deleted_only_once_it_is_no_longer_offered()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice"]), None);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.Shares.DeleteAsync("docs", deleteSnapshots: false, None));
        Assert.Equal("Share 'docs' is offered over SFTP; stop offering it there (its SFTP settings on the Shares screen) before deleting it.", refused.Message);
        Assert.Contains("docs", nas.Shares.Names());

        await nas.Sftp.SetAsync("docs", new SftpExportRequest(false, ["alice"]), None);
        await nas.Shares.DeleteAsync("docs", deleteSnapshots: false, None);

        Assert.Null(nas.SftpRecords.Find("docs"));
        Assert.Empty(nas.SftpServer.Exports);
    }

    [Fact]
    public async Task A_share_offered_over_smb_and_sftp_names_both_when_its_deletion_is_refused()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Smb.SetAsync("docs", new Domain.Smb.SmbExportRequest(true), None);
        await nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice"]), None);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.Shares.DeleteAsync("docs", deleteSnapshots: false, None));

        Assert.StartsWith("Share 'docs' is offered over SMB and SFTP;", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_pool_takes_its_shares_out_of_sftp()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice"]), None);

        await nas.Pools.DeleteAsync(Appliance.Pool, deleteShares: true, None);

        Assert.Empty(nas.SftpServer.Exports);
        Assert.Empty(nas.SftpRecords.Exports());
    }

    [Fact]
    public async Task A_share_made_again_under_an_old_name_starts_unexported()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Sftp.SetAsync("docs", new SftpExportRequest(true, ["alice"]), None);
        nas.SftpRecords.Save(nas.SftpRecords.Find("docs")! with { ShareCreatedAt = DateTimeOffset.UnixEpoch.AddDays(-1) }); // as if the share had gone with its pool

        Assert.False(nas.Sftp.Get("docs").Enabled);
        Assert.Null(nas.Sftp.OfferedOver("docs"));
        Assert.Empty(nas.Sftp.Exports());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-22)]
    public async Task A_port_outside_1_to_65535_is_refused_and_the_port_stays(int port)
    {
        var nas = await Appliance.StartAloneAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Sftp.SetSettingsAsync(new SftpSettingsRequest(port), None));

        Assert.Equal($"{port} is not a port: choose one from 1 to 65535.", refused.Message);
        Assert.Equal(22, nas.Sftp.Port());
    }

    [Fact]
    public async Task The_port_is_the_appliance_s_default_until_the_admin_chooses_one()
    {
        var nas = await Appliance.StartAloneAsync();
        Assert.Equal(22, nas.Sftp.Port());

        var settings = await nas.Sftp.SetSettingsAsync(new SftpSettingsRequest(2222), None);

        Assert.Equal(2222, settings.Port);
        Assert.Equal(2222, nas.Sftp.Port());
        Assert.Equal(2222, nas.SftpServer.Settings?.Port);
        Assert.Equal(2222, (await nas.Sftp.SetSettingsAsync(new SftpSettingsRequest(), None)).Port);
    }
}
