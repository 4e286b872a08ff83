using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Web.Tests.Api;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Snapshots;

/// <summary>
/// A snapshot's files through the API on a real appliance and real btrfs: a folder listed a page at a
/// time and searched, a file downloaded as itself and a folder as a zip, and nothing outside the
/// snapshot reachable, by "..", by a link, or by a link to a folder.
/// </summary>
public sealed class SnapshotFilesApiTests(ApplianceFixture fixture) : IClassFixture<ApplianceFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact(Timeout = 180_000)]
    public async Task A_folder_is_listed_folders_first_a_page_at_a_time_and_searched_by_name()
    {
        var share = await SnapshotWithFilesAsync("browse", files: 250);

        var first = await Admin.GetFromJsonAsync<JsonElement>("/api/shares/browse/snapshots/s1/files?path=/&take=3");
        var second = await Admin.GetFromJsonAsync<JsonElement>("/api/shares/browse/snapshots/s1/files?path=many&skip=100&take=100");
        var searched = await Admin.GetFromJsonAsync<JsonElement>("/api/shares/browse/snapshots/s1/files?path=many&search=FILE-02");

        Assert.Equal(4, first.GetProperty("total").GetInt32()); // many, reports, link-out, passwd-link
        Assert.Equal(["many", "reports", "link-out"], first.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("folder", first.GetProperty("entries")[0].GetProperty("kind").GetString());
        Assert.Equal("link", first.GetProperty("entries")[2].GetProperty("kind").GetString());
        Assert.Equal(250, second.GetProperty("total").GetInt32());
        Assert.Equal(100, second.GetProperty("entries").GetArrayLength());
        Assert.Equal("file-100.txt", second.GetProperty("entries")[0].GetProperty("name").GetString());
        Assert.Equal("/many", second.GetProperty("path").GetString());
        Assert.Equal(10, searched.GetProperty("total").GetInt32()); // file-020 to file-029, found in any case
        var report = (await Admin.GetFromJsonAsync<JsonElement>("/api/shares/browse/snapshots/s1/files?path=reports")).GetProperty("entries")[0];
        Assert.Equal(("q1.bin", "file", 300_000L), (report.GetProperty("name").GetString(), report.GetProperty("kind").GetString(), report.GetProperty("size").GetInt64()));
        Assert.True(Directory.Exists(share));
        var shorter = await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots/browse/s1/files?path=many&skip=100&take=100");
        Assert.Equal(second.ToString(), shorter.ToString()); // the same under /api/snapshots/{share}/{name}
    }

    [Fact(Timeout = 180_000)]
    public async Task A_file_downloads_as_itself_and_a_folder_as_a_zip_of_identical_files_without_the_links()
    {
        var share = await SnapshotWithFilesAsync("fetch", files: 3);
        await File.WriteAllTextAsync(Path.Combine(share, "reports", "q1.bin"), "changed after the snapshot");

        var file = await Admin.GetAsync(new Uri("/api/shares/fetch/snapshots/s1/download?path=reports/q1.bin", UriKind.Relative));
        var zip = await Admin.GetAsync(new Uri("/api/shares/fetch/snapshots/s1/download?path=/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("q1.bin", file.Content.Headers.ContentDisposition?.FileNameStar ?? file.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Expected("q1"), Sha(await file.Content.ReadAsByteArrayAsync()));
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var names = archive.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["many/", "many/file-000.txt", "many/file-001.txt", "many/file-002.txt", "reports/", "reports/q1.bin"], names);
        await using var zipped = archive.GetEntry("reports/q1.bin")!.Open();
        using var copy = new MemoryStream();
        await zipped.CopyToAsync(copy);
        Assert.Equal(Expected("q1"), Sha(copy.ToArray()));

        // The same folder as a tar, read as it streams in.
        using var tar = await Admin.GetAsync(new Uri("/api/shares/fetch/snapshots/s1/download?path=/&format=tar", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/x-tar", tar.Content.Headers.ContentType?.MediaType);
        var tarred = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var reader = new System.Formats.Tar.TarReader(await tar.Content.ReadAsStreamAsync()))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                using var data = new MemoryStream();
                if (entry.DataStream is { } stream)
                {
                    await stream.CopyToAsync(data);
                }

                tarred[entry.Name] = entry.EntryType == System.Formats.Tar.TarEntryType.Directory ? "folder" : Sha(data.ToArray());
            }
        }

        Assert.Equal(names, tarred.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Expected("q1"), tarred["reports/q1.bin"]);
        using var other = await Admin.GetAsync(new Uri("/api/shares/fetch/snapshots/s1/download?path=/&format=rar", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode);
    }

    [Theory(Timeout = 180_000)]
    [InlineData("files?path=../../../etc", "climbs out of its folder")]
    [InlineData("files?path=many/../..", "climbs out of its folder")]
    [InlineData("download?path=passwd-link", "never followed")]
    [InlineData("download?path=link-out/passwd", "never followed")]
    [InlineData("files?path=link-out", "never followed")]
    [InlineData("files?path=reports/q1.bin", "is a file, not a folder")]
    [InlineData("files?path=/&take=5000", "1 to 1000 entries")]
    public async Task Nothing_outside_the_snapshot_is_reached_and_bad_requests_get_a_sentence(string route, string sentence)
    {
        await SnapshotWithFilesAsync("guard", files: 1);

        var response = await Admin.GetAsync(new Uri($"/api/shares/guard/snapshots/s1/{route}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(sentence, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("root:x:0:0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task A_missing_snapshot_or_path_is_a_404()
    {
        await SnapshotWithFilesAsync("gone", files: 1);

        var snapshot = await Admin.GetAsync(new Uri("/api/shares/gone/snapshots/nope/files", UriKind.Relative));
        var path = await Admin.GetAsync(new Uri("/api/shares/gone/snapshots/s1/download?path=reports/nothing.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, snapshot.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, path.StatusCode);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_file_restored_beside_keeps_the_current_one_and_a_folder_restored_in_place_is_kept_in_a_snapshot_first()
    {
        var share = await SnapshotWithFilesAsync("undo", files: 2);
        var current = Path.Combine(share, "reports", "q1.bin");
        await File.WriteAllTextAsync(current, "edited today");
        await File.WriteAllTextAsync(Path.Combine(share, "reports", "new.txt"), "made after the snapshot");

        var beside = await Ok(Admin.PostAsJsonAsync("/api/shares/undo/snapshots/s1/restore", new { paths = new[] { "reports/q1.bin" } }));
        var besidePath = beside.GetProperty("restored")[0].GetProperty("to").GetString()!;

        Assert.Matches(@"^/reports/q1 \(restored \d{4}-\d{2}-\d{2}\)\.bin$", besidePath);
        Assert.Equal(Expected("q1"), Sha(await File.ReadAllBytesAsync(share + besidePath)));
        Assert.Equal("edited today", await File.ReadAllTextAsync(current));
        Assert.Equal(JsonValueKind.Null, beside.GetProperty("keptIn").ValueKind);

        var replaced = await Ok(Admin.PostAsJsonAsync("/api/shares/undo/snapshots/s1/restore", new { paths = new[] { "reports" }, mode = "replace" }));

        Assert.Equal(Expected("q1"), Sha(await File.ReadAllBytesAsync(current)));
        Assert.False(File.Exists(Path.Combine(share, "reports", "new.txt")));
        var kept = replaced.GetProperty("keptIn").GetString()!;
        Assert.StartsWith("before-restore-", kept, StringComparison.Ordinal);
        var keptFile = await Admin.GetAsync(new Uri($"/api/shares/undo/snapshots/{kept}/download?path=reports/new.txt", UriKind.Relative));
        Assert.Equal("made after the snapshot", await keptFile.Content.ReadAsStringAsync());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_restore_never_reads_through_a_link_in_the_snapshot_nor_writes_through_one_in_the_share()
    {
        var share = await SnapshotWithFilesAsync("trap", files: 1);
        var outside = Directory.CreateDirectory(Path.Combine(fixture.Appliance.Sandbox.Root, "outside")).FullName;
        Directory.Delete(Path.Combine(share, "many"), recursive: true);
        Directory.CreateSymbolicLink(Path.Combine(share, "many"), outside); // the live folder became a link out

        var throughSnapshotLink = await Admin.PostAsJsonAsync("/api/shares/trap/snapshots/s1/restore", new { paths = new[] { "link-out/passwd" } });
        var throughShareLink = await Admin.PostAsJsonAsync("/api/shares/trap/snapshots/s1/restore", new { paths = new[] { "many/file-000.txt" }, mode = "replace" });
        var whole = await Admin.PostAsJsonAsync("/api/shares/trap/snapshots/s1/restore", new { paths = new[] { "/" } });
        var merge = await Admin.PostAsJsonAsync("/api/shares/trap/snapshots/s1/restore", new { paths = new[] { "reports" }, mode = "merge" });

        Assert.Equal(HttpStatusCode.BadRequest, throughSnapshotLink.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, throughShareLink.StatusCode);
        Assert.Contains("does not write through links", await DetailAsync(throughShareLink), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Equal(HttpStatusCode.BadRequest, whole.StatusCode);
        Assert.Contains("roll the share back", await DetailAsync(whole), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, merge.StatusCode);
        var snapshots = await Admin.GetFromJsonAsync<JsonElement>("/api/snapshots?share=trap");
        Assert.Equal(1, snapshots.GetProperty("total").GetInt32()); // a refused replace kept nothing
    }

    /// <summary>
    /// A share on a pool of its own with many/file-NNN.txt, reports/q1.bin (300,000 bytes), a link to
    /// /etc/passwd and a link to /etc, snapshotted as s1 (once per share: a Theory's rows share it).
    /// </summary>
    private async Task<string> SnapshotWithFilesAsync(string name, int files)
    {
        var existing = await Admin.GetAsync(new Uri($"/api/shares/{name}", UriKind.Relative));
        if (existing.IsSuccessStatusCode)
        {
            return (await existing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        }

        await Ok(Admin.PostAsJsonAsync("/api/pools", new { name = $"p-{name}", imageSizeGiB = 1 }));
        var share = (await Ok(Admin.PostAsJsonAsync("/api/shares", new { pool = $"p-{name}", name }))).GetProperty("path").GetString()!;
        var many = Directory.CreateDirectory(Path.Combine(share, "many")).FullName;
        for (var i = 0; i < files; i++)
        {
            await File.WriteAllTextAsync(Path.Combine(many, $"file-{i:000}.txt"), $"file {i}");
        }

        Directory.CreateDirectory(Path.Combine(share, "reports"));
        await File.WriteAllBytesAsync(Path.Combine(share, "reports", "q1.bin"), Content("q1"));
        File.CreateSymbolicLink(Path.Combine(share, "passwd-link"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(share, "link-out"), "/etc");
        await Ok(Admin.PostAsJsonAsync($"/api/shares/{name}/snapshots", new { name = "s1" }));
        return share;
    }

    private static byte[] Content(string seed)
    {
        var bytes = new byte[300_000];
        new Random(seed.Sum(c => c)).NextBytes(bytes);
        return bytes;
    }

    private static string Expected(string seed) => Sha(Content(seed));

    private static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
