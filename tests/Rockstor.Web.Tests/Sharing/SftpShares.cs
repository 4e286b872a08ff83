using System.Net.Http.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// What the SFTP tests share on the sharing appliance: the share "projects", owned by a user and offered
/// over SFTP to them alone, the share "drawings" offered to a second user, the SSH server for SFTP running
/// on <see cref="Port"/>, the first user's key, and Debian's sftp and ssh on another host of the network.
/// </summary>
public sealed class SftpShares(SharingAppliance sharing) : IAsyncLifetime
{
    public const int Port = 2222;

    public SharingAppliance Sharing => sharing;

    public SftpClient Client { get; private set; } = default!;

    /// <summary>This class's folder for the files its clients send and fetch.</summary>
    public string Folder { get; private set; } = "";

    public string User { get; private set; } = "";

    public string Outsider { get; private set; } = "";

    public string Key { get; private set; } = "";

    public string SharePath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var admin = sharing.Admin;
        Folder = sharing.FolderOf("sftp");
        Client = new SftpClient(sharing.Appliance.Address, Port, fromNamespace: sharing.Network.Hosts[1].Namespace);
        User = await sharing.NewUserAsync();
        Outsider = await sharing.NewUserAsync();
        var share = await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = SharingAppliance.Pool, name = "projects" }));
        SharePath = share.GetProperty("path").GetString()!;
        await Ok(admin.PutAsJsonAsync("/api/shares/projects", new { owner = User, mode = "0750" }));
        await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = SharingAppliance.Pool, name = "drawings" }));
        await OfferProjectsAsync();
        await Ok(admin.PutAsJsonAsync("/api/shares/drawings/sftp", new { enabled = true, users = new[] { Outsider } }));
        await TurnSftpOnAsync();

        // The key is given once the server runs: the user's change reaches the server's key files on its own.
        Key = Path.Combine(Folder, "client_key");
        Sandbox.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f", Key);
        await Ok(admin.PutAsJsonAsync($"/api/users/{User}", new { publicKey = (await File.ReadAllTextAsync(Key + ".pub")).Trim() }));
    }

    public Task DisposeAsync() => Task.CompletedTask; // the sharing appliance takes its users and shares with it

    /// <summary>Offers "projects" over SFTP to the first user alone, as the set-up did.</summary>
    public Task OfferProjectsAsync() => Ok(sharing.Admin.PutAsJsonAsync("/api/shares/projects/sftp", new { enabled = true, users = new[] { User } }));

    /// <summary>Turns the SSH server for SFTP on at <see cref="Port"/>, as the set-up left it, and checks that it runs there.</summary>
    public async Task TurnSftpOnAsync()
    {
        var sftp = await Ok(sharing.Admin.PutAsJsonAsync("/api/services/sftp", new { enabled = true, port = Port }));
        Assert.True(sftp.GetProperty("state").GetString() == "running", sftp.GetProperty("error").GetString());
        Assert.Equal(Port, sftp.GetProperty("port").GetInt32());
    }
}
