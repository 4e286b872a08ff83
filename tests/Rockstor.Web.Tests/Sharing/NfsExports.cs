using System.Globalization;
using System.Net.Http.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// What the NFS tests share on the sharing appliance: the share "media", owned by a user and exported
/// read-write to one host of the network, the share "archive" exported read-only to the whole network,
/// NFS-Ganesha running with v4 alone, and libnfs's clients on two other hosts: one on the list, one not.
/// </summary>
public sealed class NfsExports(SharingAppliance sharing) : IAsyncLifetime
{
    public SharingAppliance Sharing => sharing;

    /// <summary>The address of the host on "media"'s client list.</summary>
    public string Listed => sharing.Network.Hosts[1].Address;

    public LibNfsClient ListedClient { get; private set; } = default!;

    public LibNfsClient OutsiderClient { get; private set; } = default!;

    /// <summary>This class's folder for the files its clients send and fetch.</summary>
    public string Folder { get; private set; } = "";

    public string User { get; private set; } = "";

    public int Uid { get; private set; }

    public string Media { get; private set; } = "";

    public string Archive { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var admin = sharing.Admin;
        Folder = sharing.FolderOf("nfs");
        ListedClient = new LibNfsClient(sharing.Appliance.Address, fromNamespace: sharing.Network.Hosts[1].Namespace);
        OutsiderClient = new LibNfsClient(sharing.Appliance.Address, fromNamespace: sharing.Network.Hosts[2].Namespace);
        User = await sharing.NewUserAsync();
        Uid = int.Parse(Sandbox.Run("id", "-u", User).Trim(), CultureInfo.InvariantCulture);
        Media = (await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = SharingAppliance.Pool, name = "media" }))).GetProperty("path").GetString()!;
        Archive = (await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = SharingAppliance.Pool, name = "archive" }))).GetProperty("path").GetString()!;
        await Ok(admin.PutAsJsonAsync("/api/shares/media", new { owner = User, mode = "0775" }));
        await ExportMediaAsync();
        await Ok(admin.PutAsJsonAsync("/api/shares/archive/nfs", new { enabled = true, clients = new[] { new { host = $"{sharing.Network.Subnet}.0/24", access = "ro" } } }));
        var nfs = await Ok(admin.PutAsJsonAsync("/api/services/nfs", new { enabled = true }));
        Assert.True(nfs.GetProperty("state").GetString() == "running", nfs.GetProperty("error").GetString());
    }

    public Task DisposeAsync() => Task.CompletedTask; // the sharing appliance takes its user and shares with it

    /// <summary>Exports "media" read-write to the listed host alone, with the default squashing, as the set-up did.</summary>
    public Task ExportMediaAsync() =>
        Ok(sharing.Admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = new[] { new { host = Listed, access = "rw" } } }));

    /// <summary>
    /// A client's first call right after the server starts may meet its grace period (clients of a
    /// previous run reclaiming their state); it tries again for a while, as a mount would.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> WhenServingAsync(Func<(int ExitCode, string Output)> call)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            var result = call();
            if (result.ExitCode == 0 || !result.Output.Contains("GRACE", StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return result;
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>What the client printed, with the end of the server's log, for a failure's message.</summary>
    public string Because(string output)
    {
        var log = Path.Combine(sharing.Appliance.Sandbox.DataDirectory, "nfs", "ganesha.log");
        var tail = File.Exists(log) ? File.ReadAllLines(log).Where(l => !l.Contains(":DBUS :", StringComparison.Ordinal)).TakeLast(15) : [];
        return $"{output}\n--- ganesha.log ---\n{string.Join('\n', tail)}\n--- media ---\n{Sandbox.TryRun("ls", "-lna", Media).Output}";
    }

    /// <summary>The running server's process id, or null when none runs.</summary>
    public string? ServerPid()
    {
        var pidFile = Path.Combine(sharing.Appliance.Sandbox.DataDirectory, "nfs", "ganesha.pid");
        var (exitCode, output, _) = Sandbox.TryRun("pgrep", "-f", Path.Combine(sharing.Appliance.Sandbox.DataDirectory, "nfs", "ganesha.conf"));
        return exitCode == 0 && File.Exists(pidFile) ? output.Trim() : null;
    }
}
