using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Rockstor.Testing;
using static Rockstor.Web.Tests.ApiResponses;

namespace Rockstor.Web.Tests.Sharing;

/// <summary>
/// An appliance in a network namespace of its own running its SSH server for SFTP on port 2222 there, and
/// Debian's sftp and ssh on another host of the network: a share reached over SFTP as a client on the LAN
/// would. The appliance's sandbox is below a folder only root writes, as sshd asks of a folder it locks
/// users into.
/// </summary>
[Collection(nameof(SharingCollection))]
public sealed class SftpOverTheNetworkTests(SftpShares shares) : IClassFixture<SftpShares>
{
    private const string Password = SharingAppliance.Password;
    private const int Port = SftpShares.Port;
    private readonly TestAccounts _accounts = shares.Sharing.Accounts;
    private readonly ApplianceProcess _appliance = shares.Sharing.Appliance;
    private readonly HttpClient _admin = shares.Sharing.Admin;
    private readonly SftpClient _client = shares.Client;
    private readonly string _folder = shares.Folder;
    private readonly string _user = shares.User;
    private readonly string _outsider = shares.Outsider;
    private readonly string _key = shares.Key;
    private readonly string _sharePath = shares.SharePath;

    [Fact(Timeout = 180_000)]
    public async Task A_user_puts_and_gets_a_file_with_their_key_and_it_arrives_identical_and_theirs()
    {
        var local = Path.Combine(_folder, "from-client.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(5 << 20));
        var back = Path.Combine(_folder, "back.bin");

        var (exitCode, output) = await UntilKeyWorksAsync($"cd projects\nmkdir reports\nput {local} reports/data.bin\nget reports/data.bin {back}");

        Assert.True(exitCode == 0, output);
        Assert.Equal(FileHash.Of(local), FileHash.Of(back));
        var onShare = Path.Combine(_sharePath, "reports", "data.bin");
        Assert.Equal(FileHash.Of(local), FileHash.Of(onShare));
        Assert.Equal(_user, Sandbox.Run("stat", "-c", "%U", onShare).Trim());
    }

    [Fact(Timeout = 180_000)]
    public async Task A_user_logs_in_with_their_password_and_a_wrong_password_is_refused()
    {
        await File.WriteAllTextAsync(Path.Combine(_sharePath, "note.txt"), "hello");

        var right = _client.WithPassword(_user, Password, "ls projects");
        var wrong = _client.WithPassword(_user, "not-the-password", "ls projects");

        Assert.True(right.ExitCode == 0, right.Output);
        Assert.Contains("projects/note.txt", right.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.DoesNotContain("note.txt", wrong.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_user_sees_only_the_shares_offered_to_them_and_a_user_offered_none_cannot_log_in()
    {
        var stranger = _accounts.Name();
        await Ok(_admin.PostAsJsonAsync("/api/users", new { name = stranger, password = Password }));

        var outsider = _client.WithPassword(_outsider, Password, "ls -1");
        var reach = _client.WithPassword(_outsider, Password, "ls /projects");
        var refused = _client.WithPassword(stranger, Password, "ls /");

        Assert.True(outsider.ExitCode == 0, outsider.Output);
        Assert.Equal(["drawings"], Listed(outsider.Output));
        Assert.NotEqual(0, reach.ExitCode);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Permission denied", refused.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_user_gets_no_shell_no_forwarding_and_no_path_out_of_their_folder()
    {
        var stolen = Path.Combine(_folder, "passwd");
        var climb = await UntilKeyWorksAsync("cd /projects\ncd ../../../..\nls -1");
        var escape = _client.WithKey(_user, _key, $"get ../../../../etc/passwd {stolen}");
        var absolute = _client.WithKey(_user, _key, $"get /etc/passwd {stolen}");
        var shell = _client.Ssh(_user, _key, [], ["id"]);
        var stdio = _client.Ssh(_user, _key, ["-W", $"{_appliance.Address}:8443"], []);
        var remote = _client.Ssh(_user, _key, ["-N", "-o", "ExitOnForwardFailure=yes", "-R", "127.0.0.1:2299:127.0.0.1:22"], []);

        Assert.True(climb.ExitCode == 0, climb.Output);
        Assert.Equal(["projects"], Listed(climb.Output));
        Assert.NotEqual(0, escape.ExitCode);
        Assert.NotEqual(0, absolute.ExitCode);
        Assert.False(File.Exists(stolen));
        Assert.Contains("This service allows sftp connections only.", shell.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("uid=", shell.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, stdio.ExitCode);
        Assert.Contains("stdio forwarding failed", stdio.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, remote.ExitCode);
        Assert.Contains("remote port forwarding failed", remote.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 180_000)]
    public async Task A_user_taken_off_the_list_is_let_in_no_more_and_turning_sftp_off_closes_the_port_and_leaves_no_mount()
    {
        try
        {
            Assert.Equal(0, (await UntilKeyWorksAsync("ls projects")).ExitCode);
            var chroot = Path.Combine(_appliance.Sandbox.DataDirectory, "sftp", "chroot");
            Assert.Contains(Path.Combine(chroot, _user, "projects"), Sandbox.MountsUnder(chroot));

            await Ok(_admin.PutAsJsonAsync("/api/shares/projects/sftp", new { enabled = false, users = new[] { _user } }));

            Assert.NotEqual(0, _client.WithKey(_user, _key, "ls").ExitCode);
            Assert.DoesNotContain(Path.Combine(chroot, _user, "projects"), Sandbox.MountsUnder(chroot));
            Assert.Equal(0, _client.WithPassword(_outsider, Password, "ls drawings").ExitCode);

            var moved = await Ok(_admin.PutAsJsonAsync("/api/services/sftp", new { port = Port + 1 }));
            Assert.Equal(Port + 1, moved.GetProperty("port").GetInt32());
            Assert.True(await _appliance.AcceptsConnectionsAsync(Port + 1));
            Assert.False(await _appliance.AcceptsConnectionsAsync(Port));

            var off = await Ok(_admin.PutAsJsonAsync("/api/services/sftp", new { enabled = false }));

            Assert.Equal("stopped", off.GetProperty("state").GetString());
            Assert.False(await _appliance.AcceptsConnectionsAsync(Port + 1));
            Assert.Empty(Sandbox.MountsUnder(chroot));
        }
        finally
        {
            // The other tests share this server and export.
            await shares.OfferProjectsAsync();
            await shares.TurnSftpOnAsync();
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Bad_export_settings_are_refused_with_a_sentence_and_a_share_offered_over_sftp_is_not_deleted()
    {
        var stranger = await _admin.PutAsJsonAsync("/api/shares/projects/sftp", new { enabled = true, users = new[] { "root" } });
        var nobody = await _admin.PutAsJsonAsync("/api/shares/projects/sftp", new { enabled = true, users = Array.Empty<string>() });
        var port = await _admin.PutAsJsonAsync("/api/services/sftp", new { port = 70000 });
        var delete = await _admin.DeleteAsync(new Uri("/api/shares/projects", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Contains("only a user made on this appliance's Users screen can", await DetailAsync(stranger), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nobody.StatusCode);
        Assert.Contains("Choose at least one user", await DetailAsync(nobody), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, port.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, delete.StatusCode);
        Assert.Contains("is offered over SFTP", await DetailAsync(delete), StringComparison.Ordinal);
        Assert.Equal([_user], (await _admin.GetFromJsonAsync<JsonElement>("/api/shares/projects/sftp")).GetProperty("users").EnumerateArray().Select(u => u.GetString()));
    }

    /// <summary>Runs the commands with the user's key, waiting the moment the key takes to reach the server's files after the user changed.</summary>
    private async Task<(int ExitCode, string Output)> UntilKeyWorksAsync(string commands)
    {
        var result = (ExitCode: -1, Output: "");
        await Waiting.UntilAsync(
            () =>
            {
                result = _client.WithKey(_user, _key, commands);
                Assert.DoesNotContain("Permission denied", result.Output, StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20));
        return result;
    }

    /// <summary>The names an sftp "ls -1" printed, without the echoed commands.</summary>
    private static List<string> Listed(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => !l.StartsWith("sftp>", StringComparison.Ordinal)).ToList();
}
