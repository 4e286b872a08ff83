using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// An appliance in a network namespace of its own running its NFS-Ganesha on port 2049 there, and
/// libnfs's nfs-cp and nfs-ls on two other hosts of the network: one on the export's client list, one
/// not. A share reached over NFSv4 as a Linux client on the LAN would.
/// </summary>
public sealed class NfsOverTheNetworkTests : IAsyncLifetime
{
    private const int Nobody = 65534;
    private readonly TestAccounts _accounts = new();
    private readonly TestNetwork _network = new(hosts: 3);
    private ApplianceProcess _appliance = default!;
    private HttpClient _admin = default!;
    private LibNfsClient _listed = default!;
    private LibNfsClient _outsider = default!;
    private string _user = "";
    private int _uid;
    private string _media = "";
    private string _archive = "";

    private string Listed => _network.Hosts[1].Address;

    public async Task InitializeAsync()
    {
        try
        {
            await SetUpAsync();
        }
        catch
        {
            await DisposeAsync(); // xUnit does not dispose a test class whose set-up failed
            throw;
        }
    }

    public Task DisposeAsync()
    {
        CleanUp.All(() => _admin?.Dispose(), () => _appliance?.Dispose(), _network.Dispose, _accounts.Dispose);
        return Task.CompletedTask;
    }

    private async Task SetUpAsync()
    {
        _appliance = new ApplianceProcess(host: _network.Hosts[0]);
        await _appliance.StartAsync();
        _admin = await _appliance.SetUpAndLogInAsync();
        _listed = new LibNfsClient(_appliance.Address, fromNamespace: _network.Hosts[1].Namespace);
        _outsider = new LibNfsClient(_appliance.Address, fromNamespace: _network.Hosts[2].Namespace);
        _user = _accounts.Name();
        await Ok(_admin.PostAsJsonAsync("/api/users", new { name = _user, password = "correct-horse-1" }));
        _uid = int.Parse(Sandbox.Run("id", "-u", _user).Trim(), CultureInfo.InvariantCulture);
        await Ok(_admin.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 }));
        _media = (await Ok(_admin.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "media" }))).GetProperty("path").GetString()!;
        _archive = (await Ok(_admin.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "archive" }))).GetProperty("path").GetString()!;
        await Ok(_admin.PutAsJsonAsync("/api/shares/media", new { owner = _user, mode = "0775" }));
        await Ok(_admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = new[] { new { host = Listed, access = "rw" } } }));
        await Ok(_admin.PutAsJsonAsync("/api/shares/archive/nfs", new { enabled = true, clients = new[] { new { host = $"{_network.Subnet}.0/24", access = "ro" } } }));
        var nfs = await Ok(_admin.PutAsJsonAsync("/api/services/nfs", new { enabled = true }));
        Assert.True(nfs.GetProperty("state").GetString() == "running", nfs.GetProperty("error").GetString());
    }

    [Fact(Timeout = 240_000)]
    public async Task A_listed_client_writes_and_reads_back_the_same_bytes_as_its_user_and_one_outside_the_list_is_refused()
    {
        var local = Path.Combine(_appliance.Sandbox.Root, "from-client.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(3000)); // see LibNfsClient: larger v4 writes fail in libnfs 4.0
        var back = Path.Combine(_appliance.Sandbox.Root, "back.bin");
        var large = Path.Combine(_media, "film.bin");
        await File.WriteAllBytesAsync(large, RandomNumberGenerator.GetBytes(8 << 20));
        var largeBack = Path.Combine(_appliance.Sandbox.Root, "film.bin");

        var put = await WhenServingAsync(() => _listed.Put(local, "/media/data.bin", _uid, 100));
        var get = _listed.Get("/media/data.bin", back, _uid, 100);
        var getLarge = _listed.Get("/media/film.bin", largeBack, _uid, 100);
        var refused = _outsider.List("/media", _uid, 100);

        Assert.True(put.ExitCode == 0, Because(put.Output));
        Assert.True(get.ExitCode == 0, Because(get.Output));
        Assert.Equal(Sha(local), Sha(back));
        Assert.Equal(Sha(local), Sha(Path.Combine(_media, "data.bin")));
        Assert.Equal(_user, Sandbox.Run("stat", "-c", "%U", Path.Combine(_media, "data.bin")).Trim());
        Assert.True(getLarge.ExitCode == 0, Because(getLarge.Output));
        Assert.Equal(Sha(large), Sha(largeBack));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.DoesNotContain("data.bin", refused.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task With_v3_turned_on_a_client_mounts_the_same_path_through_the_portmapper_and_writes_large_files()
    {
        using var portmapper = Portmapper.StartIn(_network.Hosts[0].Namespace);
        var v3 = await Ok(_admin.PutAsJsonAsync("/api/services/nfs", new { v3 = true }));
        Assert.True(v3.GetProperty("v3").GetBoolean());
        Assert.True(v3.GetProperty("state").GetString() == "running", v3.GetProperty("error").GetString());
        var client = new LibNfsClient(_appliance.Address, fromNamespace: _network.Hosts[1].Namespace, version: 3);
        var local = Path.Combine(_appliance.Sandbox.Root, "large.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(8 << 20));
        var back = Path.Combine(_appliance.Sandbox.Root, "large-back.bin");

        var put = client.Put(local, "/media/large.bin", _uid, 100);
        var get = client.Get("/media/large.bin", back, _uid, 100);
        var still4 = await WhenServingAsync(() => _listed.List("/media", _uid, 100));

        Assert.True(put.ExitCode == 0, Because(put.Output));
        Assert.True(get.ExitCode == 0, Because(get.Output));
        Assert.Equal(Sha(local), Sha(back));
        Assert.Equal(Sha(local), Sha(Path.Combine(_media, "large.bin")));
        Assert.True(still4.ExitCode == 0, Because(still4.Output));
        Assert.Contains("large.bin", still4.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_read_only_entry_reads_but_refuses_writes()
    {
        await File.WriteAllTextAsync(Path.Combine(_archive, "report.txt"), "kept as it is");
        var local = Path.Combine(_appliance.Sandbox.Root, "report.txt");
        var upload = Path.Combine(_appliance.Sandbox.Root, "upload.txt");
        await File.WriteAllTextAsync(upload, "should not land");

        var read = await WhenServingAsync(() => _listed.Get("/archive/report.txt", local));
        var write = _listed.Put(upload, "/archive/new.txt");

        Assert.True(read.ExitCode == 0, Because(read.Output));
        Assert.Equal("kept as it is", await File.ReadAllTextAsync(local));
        Assert.NotEqual(0, write.ExitCode);
        Assert.False(File.Exists(Path.Combine(_archive, "new.txt")));
    }

    [Fact(Timeout = 240_000)]
    public async Task Root_is_squashed_to_nobody_and_all_squash_maps_everyone_to_the_share_s_owner_without_restarting_the_server()
    {
        var drop = Path.Combine(_media, "drop");
        Directory.CreateDirectory(drop);
        File.SetUnixFileMode(drop, (UnixFileMode)0x1FF);
        var local = Path.Combine(_appliance.Sandbox.Root, "note.txt");
        await File.WriteAllTextAsync(local, "a note");
        var server = ServerPid();

        var asRoot = await WhenServingAsync(() => _listed.Put(local, "/media/drop/by-root.txt", uid: 0, gid: 0));
        await Ok(_admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = new[] { new { host = Listed, access = "rw", allSquash = true } } }));
        var asStranger = _listed.Put(local, "/media/drop/by-stranger.txt", uid: 4321, gid: 4321);

        Assert.True(asRoot.ExitCode == 0, Because(asRoot.Output));
        Assert.Equal(Nobody.ToString(CultureInfo.InvariantCulture), Sandbox.Run("stat", "-c", "%u", Path.Combine(drop, "by-root.txt")).Trim());
        Assert.True(asStranger.ExitCode == 0, Because(asStranger.Output));
        Assert.Equal(_user, Sandbox.Run("stat", "-c", "%U", Path.Combine(drop, "by-stranger.txt")).Trim());
        Assert.Equal(server, ServerPid());
        var export = await _admin.GetFromJsonAsync<JsonElement>("/api/shares/media/nfs");
        Assert.True(export.GetProperty("clients")[0].GetProperty("allSquash").GetBoolean());
        Assert.True(export.GetProperty("clients")[0].GetProperty("rootSquash").GetBoolean());
    }

    [Fact(Timeout = 240_000)]
    public async Task Bad_exports_are_refused_with_a_sentence_an_exported_share_is_not_deleted_and_turning_nfs_off_closes_the_door()
    {
        var config = Path.Combine(_appliance.Sandbox.DataDirectory, "nfs", "ganesha.conf");
        var before = await File.ReadAllTextAsync(config);

        var wildcard = await _admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = new[] { new { host = "*", access = "rw" } } });
        var nobody = await _admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = Array.Empty<object>() });
        var access = await _admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = new[] { new { host = Listed, access = "write" } } });
        var v3 = await _admin.PutAsJsonAsync("/api/services/nfs", new { v3 = true });
        var delete = await _admin.DeleteAsync(new Uri("/api/shares/archive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, wildcard.StatusCode);
        Assert.Contains("is not a client NFS can take", await DetailAsync(wildcard), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("needs at least one client", await DetailAsync(nobody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, access.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, v3.StatusCode);
        Assert.Contains("portmapper (rpcbind)", await DetailAsync(v3), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("offered over NFS", await DetailAsync(delete), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(config));
        Assert.Equal("running", (await _admin.GetFromJsonAsync<JsonElement>("/api/services/nfs")).GetProperty("state").GetString());

        var off = await Ok(_admin.PutAsJsonAsync("/api/services/nfs", new { enabled = false }));

        Assert.Equal("stopped", off.GetProperty("state").GetString());
        Assert.NotEqual(0, _listed.List("/archive").ExitCode);
        Assert.Null(ServerPid());
    }

    /// <summary>
    /// A client's first call right after the server starts may meet its grace period (clients of a
    /// previous run reclaiming their state); it tries again for a while, as a mount would.
    /// </summary>
    private static async Task<(int ExitCode, string Output)> WhenServingAsync(Func<(int ExitCode, string Output)> call)
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
    private string Because(string output)
    {
        var log = Path.Combine(_appliance.Sandbox.DataDirectory, "nfs", "ganesha.log");
        var tail = File.Exists(log) ? File.ReadAllLines(log).Where(l => !l.Contains(":DBUS :", StringComparison.Ordinal)).TakeLast(15) : [];
        return $"{output}\n--- ganesha.log ---\n{string.Join('\n', tail)}\n--- media ---\n{Sandbox.TryRun("ls", "-lna", _media).Output}";
    }

    private string? ServerPid()
    {
        var pidFile = Path.Combine(_appliance.Sandbox.DataDirectory, "nfs", "ganesha.pid");
        var (exitCode, output, _) = Sandbox.TryRun("pgrep", "-f", Path.Combine(_appliance.Sandbox.DataDirectory, "nfs", "ganesha.conf"));
        return exitCode == 0 && File.Exists(pidFile) ? output.Trim() : null;
    }

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
