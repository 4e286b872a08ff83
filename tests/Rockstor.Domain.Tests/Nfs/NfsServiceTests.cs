using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Tests.Fakes;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Tests.Nfs;

public sealed class NfsServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static NfsClientRequest[] Lan => [new("192.168.1.0/24", "rw")];

    [Fact]
    public async Task An_export_is_stored_only_after_the_server_took_it_and_keeps_its_id_across_changes()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");

        nas.NfsServer.RefuseWith = "Could not create export";
        await Assert.ThrowsAsync<ValidationException>(() => nas.Nfs.SetAsync("docs", new NfsExportRequest(true, Lan), None));
        Assert.False(nas.Nfs.Get("docs").Enabled);

        nas.NfsServer.RefuseWith = null;
        var first = await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, Lan), None);
        var second = await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, [new("pc1.home.lan", "ro")]), None);

        Assert.Equal(first.ExportId, second.ExportId);
        Assert.Equal(second, Assert.Single(nas.NfsServer.Exports));
        Assert.Equal([new NfsClient("pc1.home.lan", ReadOnly: true)], nas.Nfs.Get("docs").Clients);
    }

    [Fact]
    public async Task A_share_made_again_under_the_same_name_starts_unexported_with_a_new_export_id()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        var old = await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, Lan), None);
        await nas.Nfs.SetAsync("docs", new NfsExportRequest(false, Lan), None);
        await nas.Shares.DeleteAsync("docs", deleteSnapshots: false, None);
        await nas.ShareAsync("docs", "y");

        Assert.False(nas.Nfs.Get("docs").Enabled);
        var again = await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, Lan), None);

        Assert.NotEqual(old.ExportId, again.ExportId);
    }

    [Fact]
    public async Task An_exported_share_is_not_deleted_and_a_replica_is_not_exported()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        nas.Records.AddShare("nas2_docs", Appliance.Pool, ShareKind.Replica);
        await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, Lan), None);
        await nas.Smb.SetAsync("docs", new Rockstor.Domain.Smb.SmbExportRequest(true), None);

        var delete = await Assert.ThrowsAsync<ConflictException>(() => nas.Shares.DeleteAsync("docs", deleteSnapshots: false, None));
        var replica = await Assert.ThrowsAsync<ValidationException>(() => nas.Nfs.SetAsync("nas2_docs", new NfsExportRequest(true, Lan), None));

        Assert.Equal("Share 'docs' is offered over SMB and NFS; stop offering it there (its SMB and NFS settings on the Shares screen) before deleting it.", delete.Message);
        Assert.Contains("is a replica", replica.Message, StringComparison.Ordinal);
        Assert.Equal("NFS", nas.Nfs.OfferedOver("docs"));
    }

    [Fact]
    public async Task Turning_v3_on_is_applied_once_and_bad_client_lists_change_nothing()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");

        var on = await nas.Nfs.SetSettingsAsync(v3: true, None);
        var again = await nas.Nfs.SetSettingsAsync(v3: true, None);
        var empty = await Assert.ThrowsAsync<ValidationException>(() => nas.Nfs.SetAsync("docs", new NfsExportRequest(true, []), None));
        var wildcard = await Assert.ThrowsAsync<ValidationException>(() => nas.Nfs.SetAsync("docs", new NfsExportRequest(true, [new("*", "rw")]), None));

        Assert.True(on.V3);
        Assert.True(again.V3);
        Assert.Equal(1, nas.NfsServer.Applied);
        Assert.True(nas.NfsServer.Settings!.V3);
        Assert.Contains("at least one client", empty.Message, StringComparison.Ordinal);
        Assert.Contains("is not a client NFS can take", wildcard.Message, StringComparison.Ordinal);
        Assert.Null(nas.NfsRecords.Find("docs"));
    }

    [Fact]
    public async Task Deleting_a_user_writes_the_configuration_again_when_an_export_squashes_everyone_to_a_share_owner()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        await nas.Users.CreateAsync(new UserRequest("bob", "secret-pass"), None);
        await nas.Shares.ChangeAsync("docs", new ShareChange(Owner: "alice"), None);
        await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, [new("192.168.1.0/24", "rw", AllSquash: true)]), None);
        var before = nas.NfsServer.Applied;

        await nas.Users.DeleteAsync("alice", sharesOwner: "bob", None);

        Assert.Equal(before + 1, nas.NfsServer.Applied);
        Assert.True(Assert.Single(nas.NfsServer.Exports).Clients[0].AllSquash);
    }

    [Fact]
    public async Task Everyone_as_the_owner_is_refused_on_a_share_root_owns_and_follows_a_new_owner()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.Users.CreateAsync(new UserRequest("alice", "secret-pass"), None);
        NfsClientRequest[] squashed = [new("192.168.1.0/24", "rw", AllSquash: true)];

        var refused = await Assert.ThrowsAsync<ValidationException>(() => nas.Nfs.SetAsync("docs", new NfsExportRequest(true, squashed), None));
        await nas.Shares.ChangeAsync("docs", new ShareChange(Owner: "alice"), None);
        await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, squashed), None);
        var before = nas.NfsServer.Applied;
        await nas.Shares.ChangeAsync("docs", new ShareChange(Group: "users"), None);

        Assert.Contains("is owned by root", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before + 1, nas.NfsServer.Applied);
    }

    [Fact]
    public async Task A_share_exported_over_nfs_is_not_rolled_back_until_it_is_no_longer_exported()
    {
        var nas = await Appliance.StartAloneAsync();
        await nas.ShareAsync("docs", "x");
        await nas.SnapshotService.CreateAsync("docs", "before", writable: false, None);
        await nas.Nfs.SetAsync("docs", new NfsExportRequest(true, Lan), None);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => nas.SnapshotService.RollbackAsync("docs", "before", None));
        await nas.Nfs.SetAsync("docs", new NfsExportRequest(false, Lan), None);
        await nas.SnapshotService.RollbackAsync("docs", "before", None);

        Assert.Equal("Share 'docs' is offered over NFS, which keeps its current folder open. Stop offering it there, roll it back, then offer it again.", refused.Message);
    }
}
