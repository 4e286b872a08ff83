using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>What a real appliance leaves in its data directory: who may read it, and that no secret is in it in clear.</summary>
public sealed class SecretsAtRestTests
{
    private const UnixFileMode Open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    [Fact(Timeout = 180_000)]
    public async Task A_data_directory_made_open_by_hand_is_closed_at_start_and_what_the_appliance_writes_later_is_owner_only()
    {
        using var appliance = new ApplianceProcess();
        var data = appliance.Sandbox.DataDirectory;
        Directory.CreateDirectory(Path.Combine(data, "keys"));
        File.SetUnixFileMode(data, Open);
        File.SetUnixFileMode(Path.Combine(data, "keys"), Open);
        await File.WriteAllTextAsync(Path.Combine(data, "notes.txt"), "left here by the admin");
        File.SetUnixFileMode(Path.Combine(data, "notes.txt"), Readable);
        var elsewhere = Path.Combine(appliance.Sandbox.Root, "elsewhere.txt");
        await File.WriteAllTextAsync(elsewhere, "not the appliance's");
        File.SetUnixFileMode(elsewhere, Readable);
        File.CreateSymbolicLink(Path.Combine(data, "link-to-elsewhere"), elsewhere);

        await appliance.StartAsync();
        Assert.Equal("0077", Umask(appliance.ProcessId!.Value));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "notes.txt")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(data));

        // The appliance writes its store, keys, job store, a pool image and its settings after the start.
        using var admin = await appliance.SetUpAndLogInAsync();
        var pool = await Ok(admin.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 }));
        var share = await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "docs" }));
        await Ok(admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "mail.example.com", smtpUsername = "nas", smtpPassword = "s3cret", emailFrom = "nas@example.com", emailTo = "admin@example.com" }));

        var entries = Directory.EnumerateFileSystemEntries(data, "*", SearchOption.AllDirectories)
            .Where(e => new FileInfo(e).LinkTarget is null)
            .Select(e => (Path: Path.GetRelativePath(data, e), Mode: File.GetUnixFileMode(e), Folder: Directory.Exists(e)))
            .ToList();
        Assert.Contains(entries, e => e.Path == "rockstor.db");
        Assert.Contains(entries, e => e.Path == "jobs.db");
        Assert.Contains(entries, e => e.Path == Path.Combine("pools", "tank.img"));
        Assert.Contains(entries, e => e.Path.StartsWith("keys/key-", StringComparison.Ordinal));
        Assert.All(entries, e => Assert.True(
            e.Mode == (e.Folder ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute : UnixFileMode.UserRead | UnixFileMode.UserWrite),
            $"{e.Path} is {e.Mode}"));
        Assert.Equal(Readable, File.GetUnixFileMode(elsewhere)); // a link is not followed

        // Storage keeps the modes it had: the mount root and a share are open to read, as their parents are.
        Assert.Equal(Open, File.GetUnixFileMode(appliance.Sandbox.MountRoot));
        Assert.Equal(Open, File.GetUnixFileMode(share.GetProperty("path").GetString()!));
        Assert.Equal(Open, File.GetUnixFileMode(pool.GetProperty("mountPoint").GetString()!));
    }

    private static string Umask(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("Umask:", StringComparison.Ordinal))["Umask:".Length..].Trim();

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }
}
