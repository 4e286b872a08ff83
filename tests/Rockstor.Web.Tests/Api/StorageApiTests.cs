using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

public sealed class StorageApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private HttpClient Admin => fixture.Admin;

    private ApplianceProcess Appliance => fixture.Appliance;

    [Fact(Timeout = 180_000)]
    public async Task A_share_is_made_snapshotted_cloned_and_deleted_through_the_api()
    {
        var pool = await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "flow", imageSizeGiB = 1 }));
        Assert.Equal("single", pool.GetProperty("raidLevel").GetString());
        Assert.True(pool.GetProperty("sizeBytes").GetInt64() > 900L << 20);

        var share = await Created(await Admin.PostAsJsonAsync("/api/shares", new { pool = "flow", name = "123e-docs" }));
        var sharePath = share.GetProperty("path").GetString()!;
        await File.WriteAllTextAsync(Path.Combine(sharePath, "report.txt"), "quarterly numbers");

        var snapshot = await Created(await Admin.PostAsJsonAsync("/api/shares/123e-docs/snapshots", new { name = "0-monday", writable = false }));
        Assert.True(snapshot.GetProperty("readOnly").GetBoolean());
        Assert.Equal(JsonValueKind.Null, snapshot.GetProperty("receivedUuid").ValueKind);
        await File.WriteAllTextAsync(Path.Combine(sharePath, "report.txt"), "overwritten by mistake");

        var listed = await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots?share=123e-docs");
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        var item = listed.GetProperty("items")[0];
        Assert.Equal(snapshot.GetProperty("uuid").GetString(), item.GetProperty("uuid").GetString());
        Assert.Equal(share.GetProperty("path").GetString(), sharePath);

        var clone = await Created(await Admin.PostAsJsonAsync("/api/shares/123e-docs/snapshots/0-monday/clone", new { newShare = "docs-restored" }));
        Assert.Equal("quarterly numbers", await File.ReadAllTextAsync(Path.Combine(clone.GetProperty("path").GetString()!, "report.txt")));

        var refused = await Admin.DeleteAsync(new Uri("/api/shares/123e-docs", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri("/api/shares/123e-docs/snapshots/0-monday", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri("/api/shares/123e-docs", UriKind.Relative))).StatusCode);
        Assert.False(Directory.Exists(sharePath));

        Assert.Equal(HttpStatusCode.Conflict, (await Admin.DeleteAsync(new Uri("/api/pools/flow", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri("/api/pools/flow?deleteShares=true", UriKind.Relative))).StatusCode);
        var pools = await Admin.GetFromJsonAsync<JsonElement>("/api/pools");
        Assert.DoesNotContain(pools.EnumerateArray(), p => p.GetProperty("name").GetString() == "flow");
        var image = pool.GetProperty("imageFile").GetString()!;
        Assert.False(File.Exists(image));
        Assert.Equal("", Sandbox.Run("losetup", "-j", image).Trim());
        Assert.DoesNotContain(pool.GetProperty("mountPoint").GetString()!, Sandbox.MountsUnder(Appliance.Sandbox.MountRoot));
    }

    [Fact(Timeout = 180_000)]
    public async Task Rollback_keeps_the_current_state_and_says_where()
    {
        await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "rb", imageSizeGiB = 1 }));
        var share = await Created(await Admin.PostAsJsonAsync("/api/shares", new { pool = "rb", name = "site" }));
        var path = Path.Combine(share.GetProperty("path").GetString()!, "index.html");
        await File.WriteAllTextAsync(path, "good");
        await Created(await Admin.PostAsJsonAsync("/api/shares/site/snapshots", new { name = "good" }));
        await File.WriteAllTextAsync(path, "defaced");

        var response = await Admin.PostAsync(new Uri("/api/shares/site/snapshots/good/rollback", UriKind.Relative), null);

        response.EnsureSuccessStatusCode();
        var kept = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("keptAs").GetString();
        Assert.Equal("good", await File.ReadAllTextAsync(path));
        var snapshots = await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots?share=site");
        Assert.Contains(snapshots.GetProperty("items").EnumerateArray(), s => s.GetProperty("name").GetString() == kept);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("../../etc")]
    [InlineData("a b")]
    [InlineData("-o")]
    [InlineData("x;reboot")]
    [InlineData("")]
    public async Task A_bad_name_gets_a_400_that_says_what_is_allowed_and_nothing_is_made(string name)
    {
        var poolsBefore = (await Admin.GetFromJsonAsync<JsonElement>("/api/pools")).GetArrayLength();
        await AssertBadName(await Admin.PostAsJsonAsync("/api/pools", new { name, imageSizeGiB = 1 }));
        Assert.Equal(poolsBefore, (await Admin.GetFromJsonAsync<JsonElement>("/api/pools")).GetArrayLength());
        Assert.False(File.Exists(Path.Combine(Appliance.Sandbox.DataDirectory, "pools", name + ".img")));

        await Admin.PostAsJsonAsync("/api/pools", new { name = "names", imageSizeGiB = 1 });
        var before = Sandbox.Run("btrfs", "subvolume", "list", Path.Combine(Appliance.Sandbox.MountRoot, "names"));
        await AssertBadName(await Admin.PostAsJsonAsync("/api/shares", new { pool = "names", name }));
        await Admin.PostAsJsonAsync("/api/shares", new { pool = "names", name = "ok" });
        await AssertBadName(await Admin.PostAsJsonAsync("/api/shares/ok/snapshots", new { name }));
        await AssertBadName(await Admin.PostAsJsonAsync("/api/shares/ok/snapshots/none/clone", new { newShare = name }));
        var after = Sandbox.Run("btrfs", "subvolume", "list", Path.Combine(Appliance.Sandbox.MountRoot, "names"));
        Assert.Equal(before.Split('\n').Length + 1, after.Split('\n').Length); // only the share "ok"
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri("/api/shares/ok", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Errors_are_problem_details_with_a_sentence()
    {
        var missing = await Admin.DeleteAsync(new Uri("/api/shares/nothing-here", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal("There is no share named 'nothing-here'.", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var raid = await Admin.PostAsJsonAsync("/api/pools", new { name = "r", raidLevel = "raid1", devices = new[] { "/dev/loop-none" } });
        Assert.Equal(HttpStatusCode.BadRequest, raid.StatusCode);
        Assert.Equal("raid1 needs at least 2 devices; 1 was given.", (await raid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var unknownRaid = await Admin.PostAsJsonAsync("/api/pools", new { name = "r", raidLevel = "raid7", devices = new[] { "/dev/x" } });
        Assert.Equal(HttpStatusCode.BadRequest, unknownRaid.StatusCode);

        var garbage = await Admin.PostAsync(new Uri("/api/shares", UriKind.Relative), new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_appliance_tells_its_id_hostname_and_version()
    {
        var appliance = await Admin.GetFromJsonAsync<JsonElement>("/api/appliance");

        Assert.Equal("nas1", appliance.GetProperty("hostname").GetString());
        Assert.Equal(32, appliance.GetProperty("id").GetString()!.Length);
        Assert.Equal("0.1.0", appliance.GetProperty("version").GetString());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_raid1_pool_is_made_on_two_image_files_and_one_file_is_not_enough()
    {
        var refused = await Admin.PostAsJsonAsync("/api/pools", new { name = "twin-api", imageSizeGiB = 1, imageCount = 1, raidLevel = "raid1" });
        var pool = await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "twin-api", imageSizeGiB = 1, imageCount = 2, raidLevel = "raid1" }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("raid1 needs at least 2 devices; 1 was given.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("raid1", 2, 2), (pool.GetProperty("raidLevel").GetString(), pool.GetProperty("imageFiles").GetArrayLength(), pool.GetProperty("devices").GetArrayLength()));
        Assert.Equal(pool.GetProperty("imageFiles")[0].GetString(), pool.GetProperty("imageFile").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri("/api/pools/twin-api", UriKind.Relative))).StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_snapshot_shows_what_it_refers_to_and_what_deleting_it_would_free()
    {
        await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "sized", imageSizeGiB = 1 }));
        var share = await Created(await Admin.PostAsJsonAsync("/api/shares", new { pool = "sized", name = "sized-docs" }));
        var file = Path.Combine(share.GetProperty("path").GetString()!, "big.bin");
        var data = new byte[4 << 20];
        new Random(11).NextBytes(data);
        await File.WriteAllBytesAsync(file, data);
        await Created(await Admin.PostAsJsonAsync("/api/shares/sized-docs/snapshots", new { name = "with-big", writable = false }));
        File.Delete(file); // now only the snapshot holds the file's 4 MiB
        using (var sync = System.Diagnostics.Process.Start("sync")!)
        {
            await sync.WaitForExitAsync(); // btrfs counts quota groups when it commits
        }

        var row = (await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots?share=sized-docs")).GetProperty("items")[0];

        Assert.InRange(row.GetProperty("referencedBytes").GetInt64(), 4L << 20, 5L << 20);
        Assert.InRange(row.GetProperty("exclusiveBytes").GetInt64(), 4L << 20, 5L << 20);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_locked_snapshot_survives_a_delete_until_it_is_unlocked_with_the_admin_password()
    {
        await Created(await Admin.PostAsJsonAsync("/api/pools", new { name = "locks", imageSizeGiB = 1 }));
        await Created(await Admin.PostAsJsonAsync("/api/shares", new { pool = "locks", name = "ledger" }));
        await Created(await Admin.PostAsJsonAsync("/api/shares/ledger/snapshots", new { name = "year-end" }));

        var locked = await (await Admin.PostAsync(new Uri("/api/shares/ledger/snapshots/year-end/lock", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(locked.GetProperty("locked").GetBoolean());
        var delete = await Admin.DeleteAsync(new Uri("/api/shares/ledger/snapshots/year-end", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        var wrong = await Admin.PostAsJsonAsync("/api/shares/ledger/snapshots/year-end/unlock", new { password = "not-it" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var listed = await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots?share=ledger");
        Assert.True(listed.GetProperty("items")[0].GetProperty("locked").GetBoolean());

        var unlocked = await Admin.PostAsJsonAsync("/api/shares/ledger/snapshots/year-end/unlock", new { password = "correct-horse" });
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Admin.DeleteAsync(new Uri("/api/shares/ledger/snapshots/year-end", UriKind.Relative))).StatusCode);
    }

    private static async Task AssertBadName(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains("letters, digits", detail, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> Created(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
