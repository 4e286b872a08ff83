using System.Diagnostics;
using System.Globalization;
using Rockstor.Domain.Services;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Servers;
using Rockstor.Infrastructure.Sftp;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Sftp;

/// <summary>
/// The appliance's own sshd on a free port of this machine, with Debian's sftp as the client: what a
/// session holds when its user loses a share, what a killed appliance leaves, and where it refuses to run.
/// </summary>
public sealed class SftpServerTests : IDisposable
{
    private const string Password = "correct-horse-1";
    private readonly TestAccounts _accounts = new();
    private readonly int _port = ApplianceProcess.FreePort();
    private readonly List<StorageHost> _hosts = [];

    public void Dispose() =>
        CleanUp.All([.. _hosts.Select(host => (Action?)(() => CleanUp.All(() => host.Get<ServiceMonitor>().StopAllAsync(CancellationToken.None).GetAwaiter().GetResult(), host.Dispose))), _accounts.Dispose]);

    [Fact(Timeout = 120_000)]
    public async Task A_data_directory_below_a_folder_others_may_write_is_refused_at_start_with_a_sentence()
    {
        var host = Host(sandboxBase: null); // the system's temporary folder, open to all

        var status = await host.Get<ServiceMonitor>().SetEnabledAsync(ServiceNames.Sftp, true, host.Lifetime);

        Assert.Equal(ServiceState.Failed, status.State);
        Assert.Contains("refuses one below a folder that is not root's or that others may write: /tmp", status.Error, StringComparison.Ordinal);
        Assert.False(ListeningOn(_port));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_open_session_of_a_user_taken_off_the_export_is_ended_and_the_share_leaves_their_folder()
    {
        var host = Host(Sandbox.RootOnlyBase);
        var (user, key) = await OfferedAsync(host);
        var layout = host.Get<SftpLayout>();
        using var session = OpenSession(user, key);
        await Waiting.UntilAsync(() => Assert.NotEmpty(SshdProcesses.LockedInto(layout.ChrootOf(user))), TimeSpan.FromSeconds(20), host.Lifetime);

        await host.Get<SftpService>().SetAsync("docs", new SftpExportRequest(false, [user]), host.Lifetime);

        Assert.Empty(SshdProcesses.LockedInto(layout.ChrootOf(user)));
        Assert.Contains("Connection closed", Finish(session), StringComparison.Ordinal);
        Assert.Empty(Sandbox.MountsUnder(layout.ChrootRoot));
        Assert.False(Directory.Exists(layout.ChrootOf(user)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Sftp_left_running_by_a_killed_appliance_is_ended_with_its_sessions_and_mounts_when_the_service_starts_again()
    {
        var host = Host(Sandbox.RootOnlyBase);
        var (user, key) = await OfferedAsync(host);
        var layout = host.Get<SftpLayout>();
        var monitor = host.Get<ServiceMonitor>();
        await monitor.SetEnabledAsync(ServiceNames.Sftp, false, host.Lifetime);
        Assert.Empty(Sandbox.MountsUnder(layout.ChrootRoot));

        // What a killed appliance leaves: its sshd, a user's session in it, and the user's bind.
        Directory.CreateDirectory(layout.ChrootOf(user)).UnixFileMode = (UnixFileMode)Convert.ToInt32("755", 8);
        var folder = Directory.CreateDirectory(layout.ShareFolder(user, "docs")).FullName;
        Sandbox.Run("mount", "--bind", host.Layout.SharePath("pool1", "docs"), folder);
        using var leftover = Process.Start("/usr/sbin/sshd", ["-D", "-f", layout.ConfigFile]);
        await Waiting.UntilAsync(() => Assert.True(ListeningOn(_port)), TimeSpan.FromSeconds(20), host.Lifetime);
        using var session = OpenSession(user, key);
        await Waiting.UntilAsync(() => Assert.NotEmpty(SshdProcesses.LockedInto(layout.ChrootOf(user))), TimeSpan.FromSeconds(20), host.Lifetime);

        var started = await monitor.SetEnabledAsync(ServiceNames.Sftp, true, host.Lifetime);

        Assert.True(started.State == ServiceState.Running, started.Error);
        Assert.True(leftover.WaitForExit(5000), "the leftover sshd still runs");
        Assert.Empty(SshdProcesses.LockedInto(layout.ChrootRoot));
        Assert.Contains("Connection closed", Finish(session), StringComparison.Ordinal);
        Assert.Equal([host.Get<SftpServer>().ProcessId!.Value], SshdProcesses.Listening(layout.ConfigFile));
        Assert.Single(Sandbox.MountsUnder(layout.ChrootRoot));
        var (exitCode, output) = new SftpClient("127.0.0.1", _port).WithKey(user, key, "ls docs");
        Assert.True(exitCode == 0, output);
    }

    private StorageHost Host(string? sandboxBase)
    {
        var host = new StorageHost(new Dictionary<string, string?> { ["Rockstor:SftpPort"] = _port.ToString(CultureInfo.InvariantCulture) }, sandboxBase);
        _hosts.Add(host);
        return host;
    }

    /// <summary>A user with a key, offered the share docs of a new pool, and the SFTP service on.</summary>
    private async Task<(string User, string Key)> OfferedAsync(StorageHost host)
    {
        var key = Path.Combine(host.Sandbox.Root, "client_key");
        Sandbox.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        var user = _accounts.Name();
        await host.Get<UserService>().CreateAsync(new UserRequest(user, Password, PublicKey: (await File.ReadAllTextAsync(key + ".pub")).Trim()), host.Lifetime);
        await host.CreateImagePoolAsync();
        await host.Shares.CreateAsync("pool1", "docs", host.Lifetime);
        await host.Shares.ChangeAsync("docs", new ShareChange(user, "users", "0750"), host.Lifetime);
        await host.Get<SftpService>().SetAsync("docs", new SftpExportRequest(true, [user]), host.Lifetime);
        var sftp = await host.Get<ServiceMonitor>().SetEnabledAsync(ServiceNames.Sftp, true, host.Lifetime);
        Assert.True(sftp.State == ServiceState.Running, sftp.Error);
        return (user, key);
    }

    /// <summary>An interactive sftp session into the share, kept open until its input closes or it is ended.</summary>
    private Process OpenSession(string user, string key)
    {
        var start = new ProcessStartInfo("sftp") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
                 {
                     "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                     "-i", key, "-P", _port.ToString(CultureInfo.InvariantCulture), $"{user}@127.0.0.1",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var session = Process.Start(start)!;
        session.StandardInput.WriteLine("cd docs");
        session.StandardInput.Flush();
        return session;
    }

    /// <summary>
    /// Asks the session for one more listing and ends its input; all it printed. (sftp notices a closed
    /// connection only when it next reads a command: it says "Connection closed" and lists nothing.)
    /// </summary>
    private static string Finish(Process session)
    {
        var output = session.StandardOutput.ReadToEndAsync();
        var error = session.StandardError.ReadToEndAsync();
        try
        {
            session.StandardInput.WriteLine("ls -l");
            session.StandardInput.Close();
        }
        catch (IOException)
        {
            // it ended already
        }

        Assert.True(session.WaitForExit(10_000), "sftp did not end");
        return output.GetAwaiter().GetResult() + error.GetAwaiter().GetResult();
    }

    private static bool ListeningOn(int port) => ListeningPorts.IsListening(port);
}
