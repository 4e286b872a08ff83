using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;
using static Rockstor.Web.Tests.Sharing.NfsExports;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// The NFS tests that restart NFS-Ganesha, each on an appliance and network of its own set up as the other
/// NFS tests' (<see cref="NfsExports"/>): a server restarted after clients have used it waits out its whole
/// grace period (90 s) for them to reclaim their state, where a fresh one that no client used has none.
/// </summary>
public sealed class NfsServerRestartTests : IAsyncLifetime
{
    private readonly SharingAppliance _sharing = new();
    private NfsExports _exports = default!;
    private TestNetwork _network = default!;
    private ApplianceProcess _appliance = default!;
    private HttpClient _admin = default!;
    private LibNfsClient _listed = default!;
    private string _folder = "";
    private int _uid;
    private string _media = "";

    private string Listed => _exports.Listed;

    public async Task InitializeAsync()
    {
        await _sharing.InitializeAsync(); // cleans up after itself when it fails
        try
        {
            _exports = new NfsExports(_sharing);
            await _exports.InitializeAsync();
        }
        catch
        {
            await _sharing.DisposeAsync(); // xUnit does not dispose a test class whose set-up failed
            throw;
        }

        (_network, _appliance, _admin) = (_sharing.Network, _sharing.Appliance, _sharing.Admin);
        (_listed, _folder, _uid, _media) = (_exports.ListedClient, _exports.Folder, _exports.Uid, _exports.Media);
    }

    public Task DisposeAsync() => _sharing.DisposeAsync();

    [Fact(Timeout = 240_000)]
    public async Task With_v3_turned_on_a_client_mounts_the_same_path_through_the_portmapper_and_writes_large_files()
    {
        using var portmapper = Portmapper.StartIn(_network.Hosts[0].Namespace);
        var v3 = await Ok(_admin.PutAsJsonAsync("/api/services/nfs", new { v3 = true }));
        Assert.True(v3.GetProperty("v3").GetBoolean());
        Assert.True(v3.GetProperty("state").GetString() == "running", v3.GetProperty("error").GetString());
        var client = new LibNfsClient(_appliance.Address, fromNamespace: _network.Hosts[1].Namespace, version: 3);
        var local = Path.Combine(_folder, "large.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(8 << 20));
        var back = Path.Combine(_folder, "large-back.bin");

        var put = client.Put(local, "/media/large.bin", _uid, 100);
        var get = client.Get("/media/large.bin", back, _uid, 100);
        var still4 = await WhenServingAsync(() => _listed.List("/media", _uid, 100));

        Assert.True(put.ExitCode == 0, _exports.Because(put.Output));
        Assert.True(get.ExitCode == 0, _exports.Because(get.Output));
        Assert.Equal(FileHash.Of(local), FileHash.Of(back));
        Assert.Equal(FileHash.Of(local), FileHash.Of(Path.Combine(_media, "large.bin")));
        Assert.True(still4.ExitCode == 0, _exports.Because(still4.Output));
        Assert.Contains("large.bin", still4.Output, StringComparison.Ordinal);
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
        Assert.Null(_exports.ServerPid());
    }
}
