using System.Net.Http.Json;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Hosting;

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

    [Fact(Timeout = 240_000)]
    public async Task No_file_in_the_data_directory_nor_the_log_holds_the_smtp_password_or_the_peer_credential_running_or_stopped()
    {
        using var network = new TestNetwork(hosts: 1);
        await using var peer = await PairingSink.StartAsync(network.Gateway);
        using var appliance = new ApplianceProcess(host: network.Hosts[0]);
        await appliance.StartAsync();
        using var admin = await appliance.SetUpAndLogInAsync();
        var smtpPassword = "smtp-password-" + Guid.NewGuid().ToString("N");
        var theirAdminPassword = "their-admin-password-" + Guid.NewGuid().ToString("N");

        await Ok(admin.PostAsJsonAsync("/api/appliances", new { host = peer.Address, mgmtPort = peer.Port, username = "admin", password = theirAdminPassword, fingerprint = peer.Fingerprint }));
        await Ok(admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = "mail.example.com", smtpUsername = "nas", smtpPassword, emailFrom = "nas@example.com", emailTo = "admin@example.com" }));

        // The appliance holds the credential (it presents it), yet no file holds it in clear.
        Assert.True((await admin.GetFromJsonAsync<JsonElement>($"/api/appliances/{PairingSink.Id}/check")).GetProperty("ok").GetBoolean());
        Assert.Equal($"RockstorPeer {await IdAsync(admin)}:{peer.Credential}", peer.Requests.Last(r => r.Path == "/api/peer/hello").Authorization);
        Assert.Empty(SecretScan.FilesHolding(appliance.Sandbox.DataDirectory, peer.Credential, smtpPassword, theirAdminPassword));

        appliance.Kill();

        Assert.Empty(SecretScan.FilesHolding(appliance.Sandbox.DataDirectory, peer.Credential, smtpPassword, theirAdminPassword));
        Assert.DoesNotContain(peer.Credential, appliance.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(smtpPassword, appliance.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(theirAdminPassword, appliance.Log, StringComparison.Ordinal);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_store_the_previous_version_wrote_in_clear_is_encrypted_at_the_next_start_and_its_secrets_still_work()
    {
        using var network = new TestNetwork(hosts: 1);
        await using var peer = await PairingSink.StartAsync(network.Gateway);
        using var mail = new MailSink(network.Gateway);
        using var appliance = new ApplianceProcess(host: network.Hosts[0]);
        await appliance.StartAsync();
        string id;
        using (var admin = await appliance.SetUpAndLogInAsync())
        {
            id = await IdAsync(admin);
            await Ok(admin.PostAsJsonAsync("/api/appliances", new { host = peer.Address, mgmtPort = peer.Port, username = "admin", password = "correct-horse", fingerprint = peer.Fingerprint }));
            await Ok(admin.PutAsJsonAsync("/api/alerts/settings", new { smtpHost = mail.Address, smtpPort = mail.Port, smtpSecurity = "none", smtpUsername = "nas", smtpPassword = "replaced below", emailFrom = "nas@example.com", emailTo = "admin@example.com" }));
        }

        appliance.Kill();

        // The version before this one kept both secrets in these fields, in clear.
        var oldCredential = "old-clear-credential-" + Guid.NewGuid().ToString("N");
        var oldPassword = "old-clear-password-" + Guid.NewGuid().ToString("N");
        using (var store = OpenStore(appliance))
        {
            var paired = store.GetCollection("paired_appliances").FindById(PairingSink.Id);
            paired["OutgoingCredential"] = oldCredential;
            store.GetCollection("paired_appliances").Update(paired);
            var settings = store.GetCollection("alert_settings").FindById(1);
            settings["SmtpPassword"] = oldPassword;
            store.GetCollection("alert_settings").Update(settings);
        }

        Assert.NotEmpty(SecretScan.FilesHolding(appliance.Sandbox.DataDirectory, oldCredential)); // the test sees a secret in clear
        Assert.NotEmpty(SecretScan.FilesHolding(appliance.Sandbox.DataDirectory, oldPassword));

        await appliance.StartAsync();

        Assert.Empty(SecretScan.FilesHolding(appliance.Sandbox.DataDirectory, oldCredential, oldPassword));
        using var again = await appliance.LogInAsync();
        Assert.True((await again.GetFromJsonAsync<JsonElement>($"/api/appliances/{PairingSink.Id}/check")).GetProperty("ok").GetBoolean());
        Assert.Equal($"RockstorPeer {id}:{oldCredential}", peer.Requests.Last(r => r.Path == "/api/peer/hello").Authorization);
        var tested = await (await again.PostAsync(new Uri("/api/alerts/settings/test", UriKind.Relative), null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(tested[0].GetProperty("error").ValueKind == JsonValueKind.Null, tested.ToString());
        Assert.Equal($"nas:{oldPassword}", Assert.Single(mail.Logins));

        appliance.Kill();
        Assert.Empty(SecretScan.FilesHolding(appliance.Sandbox.DataDirectory, oldCredential, oldPassword));
        Assert.DoesNotContain(oldCredential, appliance.Log, StringComparison.Ordinal);
        Assert.DoesNotContain(oldPassword, appliance.Log, StringComparison.Ordinal);
    }

    private static readonly LiteDB.Collation Ordinal = new(System.Globalization.CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal);

    private static LiteDB.LiteDatabase OpenStore(ApplianceProcess appliance) => new(new LiteDB.ConnectionString
    {
        Filename = Path.Combine(appliance.Sandbox.DataDirectory, "rockstor.db"),
        Connection = LiteDB.ConnectionType.Direct,
        Collation = Ordinal,
    });

    private static async Task<string> IdAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("/api/appliance")).GetProperty("id").GetString()!;

    private static string Umask(int pid) =>
        File.ReadAllLines($"/proc/{pid}/status").Single(l => l.StartsWith("Umask:", StringComparison.Ordinal))["Umask:".Length..].Trim();
}
