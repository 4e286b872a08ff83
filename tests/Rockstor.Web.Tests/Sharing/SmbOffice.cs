using System.Net.Http.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// What the SMB tests share on the sharing appliance: the share "office", owned by a user on its list and
/// offered over SMB, a second user not on the list, Samba running with the workgroup "office", and Debian's
/// smbclient on another host of the network.
/// </summary>
public sealed class SmbOffice(SharingAppliance sharing) : IAsyncLifetime
{
    public SharingAppliance Sharing => sharing;

    public SmbClient Client { get; private set; } = default!;

    /// <summary>This class's folder for the files its clients send and fetch.</summary>
    public string Folder { get; private set; } = "";

    public string User { get; private set; } = "";

    public string Outsider { get; private set; } = "";

    public string SharePath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var admin = sharing.Admin;
        Folder = sharing.FolderOf("smb");
        Client = new SmbClient(sharing.Appliance.Address, fromNamespace: sharing.Network.Hosts[1].Namespace);
        User = await sharing.NewUserAsync();
        Outsider = await sharing.NewUserAsync();
        var share = await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = SharingAppliance.Pool, name = "office" }));
        SharePath = share.GetProperty("path").GetString()!;
        await Ok(admin.PutAsJsonAsync("/api/shares/office", new { owner = User, mode = "0750" }));
        await Ok(admin.PutAsJsonAsync("/api/shares/office/smb", new { enabled = true, users = new[] { User } }));
        await TurnSambaOnAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask; // the sharing appliance takes its users and share with it

    /// <summary>Turns Samba on with the workgroup "office", as the set-up left it, and checks that it runs.</summary>
    public async Task TurnSambaOnAsync()
    {
        var samba = await Ok(sharing.Admin.PutAsJsonAsync("/api/services/samba", new { enabled = true, workgroup = "office" }));
        Assert.True(samba.GetProperty("state").GetString() == "running", samba.GetProperty("error").GetString());
    }
}
