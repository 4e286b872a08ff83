using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// An appliance in a network namespace of its own running its Samba on port 445 there, and Debian's
/// smbclient on another host of the network: a share reached over SMB as a client on the LAN would.
/// </summary>
[Collection(nameof(SharingCollection))]
public sealed class SmbOverTheNetworkTests(SmbOffice office) : IClassFixture<SmbOffice>
{
    private const string Password = SharingAppliance.Password;
    private readonly TestAccounts _accounts = office.Sharing.Accounts;
    private readonly TestNetwork _network = office.Sharing.Network;
    private readonly ApplianceProcess _appliance = office.Sharing.Appliance;
    private readonly HttpClient _admin = office.Sharing.Admin;
    private readonly SmbClient _client = office.Client;
    private readonly string _folder = office.Folder;
    private readonly string _user = office.User;
    private readonly string _outsider = office.Outsider;
    private readonly string _sharePath = office.SharePath;

    [Fact(Timeout = 180_000)]
    public async Task A_user_copies_files_in_and_out_over_smb_from_another_host_and_owns_what_they_wrote()
    {
        var local = Path.Combine(_folder, "from-client.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(5 << 20));
        var back = Path.Combine(_folder, "back.bin");

        var (exitCode, output) = _client.Run("office", _user, Password, $"mkdir reports; put {local} reports\\data.bin; get reports\\data.bin {back}");

        Assert.True(exitCode == 0, output);
        Assert.Equal(FileHash.Of(local), FileHash.Of(back));
        var onShare = Path.Combine(_sharePath, "reports", "data.bin");
        Assert.Equal(FileHash.Of(local), FileHash.Of(onShare));
        Assert.Equal(_user, Sandbox.Run("stat", "-c", "%U", onShare).Trim());
        Assert.Contains("office", _client.List(_user, Password), StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_wrong_password_or_a_user_not_on_the_list_is_refused_and_turning_samba_off_closes_the_door()
    {
        Assert.Contains("NT_STATUS_LOGON_FAILURE", _client.Run("office", _user, "wrong-password", "ls").Output, StringComparison.Ordinal);
        Assert.Contains("NT_STATUS_ACCESS_DENIED", _client.Run("office", _outsider, Password, "ls").Output, StringComparison.Ordinal);

        try
        {
            var off = await Ok(_admin.PutAsJsonAsync("/api/services/samba", new { enabled = false }));

            Assert.Equal("stopped", off.GetProperty("state").GetString());
            Assert.Contains("NT_STATUS_CONNECTION_REFUSED", _client.Run("office", _user, Password, "ls").Output, StringComparison.Ordinal);
        }
        finally
        {
            await office.TurnSambaOnAsync(); // the other tests share this Samba
        }
    }

    [Fact(Timeout = 180_000)]
    public async Task Snapshots_taken_through_the_api_are_previous_versions_on_the_client()
    {
        await File.WriteAllTextAsync(Path.Combine(_sharePath, "plan.txt"), "first plan");
        await Ok(_admin.PostAsJsonAsync("/api/shares/office/snapshots", new { name = "before" }));
        await Task.Delay(1100);
        await File.WriteAllTextAsync(Path.Combine(_sharePath, "plan.txt"), "second plan");
        var snapshot = await Ok(_admin.PostAsJsonAsync("/api/shares/office/snapshots", new { name = "after" }));
        await File.WriteAllTextAsync(Path.Combine(_sharePath, "plan.txt"), "current plan");

        var latest = "@GMT-" + snapshot.GetProperty("createdAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy.MM.dd-HH.mm.ss", System.Globalization.CultureInfo.InvariantCulture);
        await Waiting.UntilAsync(
            () =>
            {
                var versions = _client.Run("office", _user, Password, "allinfo plan.txt");
                Assert.True(versions.ExitCode == 0, versions.Output);
                Assert.Equal(2, versions.Output.Split('\n').Count(l => l.StartsWith("@GMT-", StringComparison.Ordinal)));
            },
            TimeSpan.FromSeconds(20));
        var back = Path.Combine(_folder, "plan-after.txt");
        var get = _client.Run("office", _user, Password, $"get \"{latest}\\plan.txt\" {back}");
        Assert.True(get.ExitCode == 0, get.Output);
        Assert.Equal("second plan", await File.ReadAllTextAsync(back));
    }

    [Fact(Timeout = 120_000)]
    public async Task Bad_export_settings_are_refused_with_a_sentence_and_change_nothing()
    {
        var before = await File.ReadAllTextAsync(Path.Combine(_appliance.Sandbox.DataDirectory, "samba", "smb.conf"));

        var stranger = await _admin.PutAsJsonAsync("/api/shares/office/smb", new { enabled = true, users = new[] { "root" } });
        var option = await _admin.PutAsJsonAsync("/api/services/samba", new { enabled = true, globalOptions = new[] { "oplocks = perhaps" } });
        var program = await _admin.PutAsJsonAsync("/api/services/samba", new { enabled = true, globalOptions = new[] { "add user script = /bin/true" } });

        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("cannot be given access", await DetailAsync(stranger), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, option.StatusCode);
        Assert.Contains("Samba refused the configuration", await DetailAsync(option), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, program.StatusCode);
        Assert.Contains("none that runs a program", await DetailAsync(program), StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(Path.Combine(_appliance.Sandbox.DataDirectory, "samba", "smb.conf")));
        Assert.Equal([_user], (await _admin.GetFromJsonAsync<JsonElement>("/api/shares/office/smb")).GetProperty("users").EnumerateArray().Select(u => u.GetString()));
    }

    [Fact(Timeout = 180_000)]
    public async Task A_second_appliance_on_the_same_machine_runs_its_own_samba_with_its_own_users_and_shares()
    {
        using var second = new ApplianceProcess(host: _network.Hosts[2]);
        await second.StartAsync();
        using var admin = await second.SetUpAndLogInAsync(hostname: "nas2");
        var user = _accounts.Name();
        await Ok(admin.PostAsJsonAsync("/api/users", new { name = user, password = "other-password" }));
        await Ok(admin.PostAsJsonAsync("/api/pools", new { name = "tank", imageSizeGiB = 1 }));
        await Ok(admin.PostAsJsonAsync("/api/shares", new { pool = "tank", name = "archive" }));
        await Ok(admin.PutAsJsonAsync("/api/shares/archive/smb", new { enabled = true, readOnly = true }));
        var samba = await Ok(admin.PutAsJsonAsync("/api/services/samba", new { enabled = true }));
        Assert.True(samba.GetProperty("state").GetString() == "running", samba.GetProperty("error").GetString());
        var client = new SmbClient(second.Address, fromNamespace: _network.Hosts[1].Namespace);

        Assert.Equal(0, client.Run("archive", user, "other-password", "ls").ExitCode);
        Assert.NotEqual(0, client.Run("archive", _user, Password, "ls").ExitCode); // the first one's user has no password here
        Assert.Contains("NT_STATUS_BAD_NETWORK_NAME", client.Run("office", user, "other-password", "ls").Output, StringComparison.Ordinal);
        Assert.Equal(0, _client.Run("office", _user, Password, "ls").ExitCode); // and the first still serves its own
        Assert.NotEqual(
            Path.Combine(_appliance.Sandbox.DataDirectory, "samba", "smb.conf"),
            Path.Combine(second.Sandbox.DataDirectory, "samba", "smb.conf"));
    }
}
