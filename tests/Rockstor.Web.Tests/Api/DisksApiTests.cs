using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>The Disks API on a real appliance, over loop devices the test attached (as an admin would with losetup).</summary>
public sealed class DisksApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>, IDisposable
{
    private readonly Sandbox _sandbox = new();

    private HttpClient Admin => fixture.Admin;

    public void Dispose() => _sandbox.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_disk_without_smart_says_so_and_runs_no_self_test_and_a_test_of_another_kind_is_refused()
    {
        var loop = _sandbox.AttachLoopDisk();
        var name = Path.GetFileName(loop);

        var smart = await Admin.GetFromJsonAsync<JsonElement>($"/api/disks/{name}/smart");
        using var test = await Admin.PostAsJsonAsync($"/api/disks/{name}/smart/test", new { kind = "short" });
        using var odd = await Admin.PostAsJsonAsync($"/api/disks/{name}/smart/test", new { kind = "forever" });
        using var missing = await Admin.GetAsync(new Uri("/api/disks/no-such-disk/smart", UriKind.Relative));

        Assert.False(smart.GetProperty("supported").GetBoolean());
        Assert.Equal("unknown", smart.GetProperty("kind").GetString());
        Assert.Equal($"This disk reports no SMART data (virtual disks and loop devices have none): {loop}: Unable to detect device type.", smart.GetProperty("unsupported").GetString());
        Assert.Equal(HttpStatusCode.Conflict, test.StatusCode);
        Assert.StartsWith($"{loop} has no SMART, so it runs no self-test", await ApiResponses.DetailAsync(test), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
        Assert.Equal("A self-test is \"short\" or \"long\", not \"forever\".", await ApiResponses.DetailAsync(odd));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_self_test_schedule_is_saved_and_read_back_and_one_that_is_not_cron_is_refused_keeping_the_old_one()
    {
        using var saved = await Admin.PutAsJsonAsync("/api/disks/smart/schedule", new { @short = "0 3 * * 0", @long = "0 4 1 * *" });
        using var refused = await Admin.PutAsJsonAsync("/api/disks/smart/schedule", new { @short = "0 3 * * 0", @long = "monthly" });
        var kept = await Admin.GetFromJsonAsync<JsonElement>("/api/disks/smart/schedule");
        using var cleared = await Admin.PutAsJsonAsync("/api/disks/smart/schedule", new { @short = (string?)null, @long = "" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("The long self-test's schedule: 'monthly' is not a cron expression", await ApiResponses.DetailAsync(refused), StringComparison.Ordinal);
        Assert.Equal(("0 3 * * 0", "0 4 1 * *"), (kept.GetProperty("short").GetString(), kept.GetProperty("long").GetString()));
        var none = await cleared.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (none.GetProperty("short").ValueKind, none.GetProperty("long").ValueKind));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_foreign_btrfs_disk_is_named_as_such_and_wiped_only_when_its_path_is_confirmed_a_pool_s_never()
    {
        var foreign = _sandbox.AttachLoopDisk();
        Sandbox.Run("mkfs.btrfs", "-q", "-L", "from-elsewhere", foreign);
        var uuid = Sandbox.Run("blkid", "-p", "-o", "value", "-s", "UUID", foreign).Trim();
        var pool = await Admin.PostAsJsonAsync("/api/pools", new { name = "disky", imageSizeGiB = 1 });
        Assert.True(pool.StatusCode == HttpStatusCode.Created, await pool.Content.ReadAsStringAsync());

        var disks = await Admin.GetFromJsonAsync<JsonElement>("/api/disks");
        var row = Row(disks, foreign);
        var poolRow = disks.EnumerateArray().Single(d => d.GetProperty("pool").GetString() == "disky");

        Assert.Equal(("foreign-btrfs", uuid, "btrfs", true, false), (row.GetProperty("holds").GetString(), row.GetProperty("fsUuid").GetString(), row.GetProperty("fsType").GetString(), row.GetProperty("loop").GetBoolean(), row.GetProperty("usable").GetBoolean()));
        Assert.Equal("pool", poolRow.GetProperty("holds").GetString());

        var unconfirmed = await Admin.PostAsJsonAsync($"/api/disks/{Path.GetFileName(foreign)}/wipe", new { confirm = "yes" });
        var ofPool = await Admin.PostAsJsonAsync($"/api/disks/{Path.GetFileName(poolRow.GetProperty("path").GetString())}/wipe", new { confirm = poolRow.GetProperty("path").GetString() });
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains($"confirm with its path ({foreign})", await unconfirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, ofPool.StatusCode);
        Assert.Equal("btrfs", Sandbox.Run("blkid", "-p", "-o", "value", "-s", "TYPE", foreign).Trim()); // nothing happened

        var wiped = await Admin.PostAsJsonAsync($"/api/disks/{Path.GetFileName(foreign)}/wipe", new { confirm = foreign });

        Assert.True(wiped.IsSuccessStatusCode, await wiped.Content.ReadAsStringAsync());
        var after = await wiped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("empty", true), (after.GetProperty("holds").GetString(), after.GetProperty("usable").GetBoolean()));
        Assert.Equal(2, Sandbox.TryRun("blkid", "-p", foreign).ExitCode); // blkid finds nothing on it now
    }

    private static JsonElement Row(JsonElement disks, string path) => disks.EnumerateArray().Single(d => d.GetProperty("path").GetString() == path);
}
