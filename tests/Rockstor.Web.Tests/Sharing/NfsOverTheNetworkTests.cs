using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;
using static Rockstor.Web.Tests.Sharing.NfsExports;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// An appliance in a network namespace of its own running its NFS-Ganesha on port 2049 there, and
/// libnfs's nfs-cp and nfs-ls on two other hosts of the network: one on the export's client list, one
/// not. A share reached over NFSv4 as a Linux client on the LAN would. The tests that restart the server
/// are <see cref="NfsServerRestartTests"/>.
/// </summary>
[Collection(nameof(SharingCollection))]
public sealed class NfsOverTheNetworkTests(NfsExports exports) : IClassFixture<NfsExports>
{
    private const int Nobody = 65534;
    private readonly HttpClient _admin = exports.Sharing.Admin;
    private readonly LibNfsClient _listed = exports.ListedClient;
    private readonly LibNfsClient _outsider = exports.OutsiderClient;
    private readonly string _folder = exports.Folder;
    private readonly string _user = exports.User;
    private readonly int _uid = exports.Uid;
    private readonly string _media = exports.Media;
    private readonly string _archive = exports.Archive;

    private string Listed => exports.Listed;

    [Fact(Timeout = 240_000)]
    public async Task A_listed_client_writes_and_reads_back_the_same_bytes_as_its_user_and_one_outside_the_list_is_refused()
    {
        var local = Path.Combine(_folder, "from-client.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(3000)); // see LibNfsClient: larger v4 writes fail in libnfs 4.0
        var back = Path.Combine(_folder, "back.bin");
        var large = Path.Combine(_media, "film.bin");
        await File.WriteAllBytesAsync(large, RandomNumberGenerator.GetBytes(8 << 20));
        var largeBack = Path.Combine(_folder, "film.bin");

        var put = await WhenServingAsync(() => _listed.Put(local, "/media/data.bin", _uid, 100));
        var get = _listed.Get("/media/data.bin", back, _uid, 100);
        var getLarge = _listed.Get("/media/film.bin", largeBack, _uid, 100);
        var refused = _outsider.List("/media", _uid, 100);

        Assert.True(put.ExitCode == 0, exports.Because(put.Output));
        Assert.True(get.ExitCode == 0, exports.Because(get.Output));
        Assert.Equal(FileHash.Of(local), FileHash.Of(back));
        Assert.Equal(FileHash.Of(local), FileHash.Of(Path.Combine(_media, "data.bin")));
        Assert.Equal(_user, Sandbox.Run("stat", "-c", "%U", Path.Combine(_media, "data.bin")).Trim());
        Assert.True(getLarge.ExitCode == 0, exports.Because(getLarge.Output));
        Assert.Equal(FileHash.Of(large), FileHash.Of(largeBack));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.DoesNotContain("data.bin", refused.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_read_only_entry_reads_but_refuses_writes()
    {
        await File.WriteAllTextAsync(Path.Combine(_archive, "report.txt"), "kept as it is");
        var local = Path.Combine(_folder, "report.txt");
        var upload = Path.Combine(_folder, "upload.txt");
        await File.WriteAllTextAsync(upload, "should not land");

        var read = await WhenServingAsync(() => _listed.Get("/archive/report.txt", local));
        var write = _listed.Put(upload, "/archive/new.txt");

        Assert.True(read.ExitCode == 0, exports.Because(read.Output));
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
        var local = Path.Combine(_folder, "note.txt");
        await File.WriteAllTextAsync(local, "a note");
        var server = exports.ServerPid();

        try
        {
            var asRoot = await WhenServingAsync(() => _listed.Put(local, "/media/drop/by-root.txt", uid: 0, gid: 0));
            await Ok(_admin.PutAsJsonAsync("/api/shares/media/nfs", new { enabled = true, clients = new[] { new { host = Listed, access = "rw", allSquash = true } } }));
            var asStranger = _listed.Put(local, "/media/drop/by-stranger.txt", uid: 4321, gid: 4321);

            Assert.True(asRoot.ExitCode == 0, exports.Because(asRoot.Output));
            Assert.Equal(Nobody.ToString(CultureInfo.InvariantCulture), Sandbox.Run("stat", "-c", "%u", Path.Combine(drop, "by-root.txt")).Trim());
            Assert.True(asStranger.ExitCode == 0, exports.Because(asStranger.Output));
            Assert.Equal(_user, Sandbox.Run("stat", "-c", "%U", Path.Combine(drop, "by-stranger.txt")).Trim());
            Assert.Equal(server, exports.ServerPid());
            var export = await _admin.GetFromJsonAsync<JsonElement>("/api/shares/media/nfs");
            Assert.True(export.GetProperty("clients")[0].GetProperty("allSquash").GetBoolean());
            Assert.True(export.GetProperty("clients")[0].GetProperty("rootSquash").GetBoolean());
        }
        finally
        {
            await exports.ExportMediaAsync(); // the other tests share this export
        }
    }

}
