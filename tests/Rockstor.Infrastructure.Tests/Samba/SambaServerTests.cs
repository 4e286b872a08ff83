using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Common;
using Rockstor.Domain.Services;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Infrastructure.Samba;
using Rockstor.Infrastructure.Servers;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Samba;

/// <summary>The appliance's own smbd on a free port of this machine's loopback, with Debian's smbclient as the client.</summary>
public sealed class SambaServerTests : IAsyncLifetime
{
    private const string Password = "correct-horse-1";
    private readonly TestAccounts _accounts = new();
    private readonly int _port = ApplianceProcess.FreePort();
    private readonly StorageHost _host;
    private readonly SmbClient _client;
    private string _alice = "";
    private string _bob = "";
    private string _share = "";

    public SambaServerTests()
    {
        _host = new StorageHost(new Dictionary<string, string?> { ["Rockstor:SmbPort"] = _port.ToString(CultureInfo.InvariantCulture) });
        _client = new SmbClient("127.0.0.1", _port);
    }

    private SmbService Smb => _host.Get<SmbService>();

    private CancellationToken Ct => _host.Lifetime;

    public async Task InitializeAsync()
    {
        _alice = _accounts.Name();
        _bob = _accounts.Name();
        await _host.Get<UserService>().CreateAsync(new UserRequest(_alice, Password), Ct);
        await _host.Get<UserService>().CreateAsync(new UserRequest(_bob, Password), Ct);
        await _host.CreateImagePoolAsync();
        _share = (await _host.Shares.CreateAsync("pool1", "docs", Ct)).Path;
        await _host.Shares.ChangeAsync("docs", new ShareChange(_alice, "users", "0775"), Ct);
        await Smb.SetAsync("docs", new SmbExportRequest(Enabled: true, Users: [_alice]), Ct);
        var samba = await _host.Get<ServiceMonitor>().SetEnabledAsync(ServiceNames.Samba, true, Ct);
        Assert.True(samba.State == ServiceState.Running, samba.Error);
    }

    public async Task DisposeAsync()
    {
        await _host.Get<ServiceMonitor>().StopAllAsync(CancellationToken.None);
        _host.Dispose();
        _accounts.Dispose();
    }

    [Fact(Timeout = 120_000)]
    public async Task A_user_with_access_puts_and_gets_a_file_that_is_theirs_on_the_share()
    {
        var local = Path.Combine(_host.Sandbox.Root, "upload.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(3 << 20), Ct);
        var back = Path.Combine(_host.Sandbox.Root, "download.bin");

        var (exitCode, output) = _client.Run("docs", _alice, Password, $"put {local} upload.bin; get upload.bin {back}");

        Assert.True(exitCode == 0, output);
        Assert.Equal(Sha(local), Sha(back));
        Assert.Equal(Sha(local), Sha(Path.Combine(_share, "upload.bin")));
        Assert.Equal(_alice, Sandbox.Run("stat", "-c", "%U", Path.Combine(_share, "upload.bin")).Trim());
        var listed = _client.List(_alice, Password);
        Assert.True(listed.Contains("docs", StringComparison.Ordinal), listed + File.ReadAllText(_host.Get<SambaLayout>().LogFile));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_wrong_password_and_a_user_without_access_are_refused()
    {
        await Task.CompletedTask;
        var wrong = _client.Run("docs", _alice, "not-the-password", "ls");
        var outsider = _client.Run("docs", _bob, Password, "ls");

        Assert.Contains("NT_STATUS_LOGON_FAILURE", wrong.Output, StringComparison.Ordinal);
        Assert.Contains("NT_STATUS_ACCESS_DENIED", outsider.Output, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_read_only_export_refuses_writes_and_guest_access_follows_its_switch()
    {
        var local = Path.Combine(_host.Sandbox.Root, "note.txt");
        await File.WriteAllTextAsync(local, "hello", Ct);
        Assert.NotEqual(0, _client.Run("docs", null, null, "ls").ExitCode);

        await Smb.SetAsync("docs", new SmbExportRequest(Enabled: true, ReadOnly: true, Guest: true), Ct);

        var write = _client.Run("docs", _alice, Password, $"put {local} note.txt");
        Assert.Contains("NT_STATUS_ACCESS_DENIED", write.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_share, "note.txt")));
        var guest = _client.Run("docs", null, null, "ls");
        Assert.True(guest.ExitCode == 0, guest.Output);

        await Smb.SetAsync("docs", new SmbExportRequest(Enabled: true, Guest: false, Users: [_alice]), Ct);
        Assert.NotEqual(0, _client.Run("docs", null, null, "ls").ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Snapshots_are_previous_versions_and_a_version_reads_as_the_snapshot_s_copy()
    {
        var file = Path.Combine(_share, "report.txt");
        await File.WriteAllTextAsync(file, "version 1", Ct);
        var first = await _host.Snapshots.CreateAsync("docs", "monday", writable: false, Ct);
        await Task.Delay(1100, Ct); // versions are named by the second
        await File.WriteAllTextAsync(file, "version 2", Ct);
        var second = await _host.Snapshots.CreateAsync("docs", "tuesday", writable: false, Ct);
        await File.WriteAllTextAsync(file, "version 3", Ct);

        var firstVersion = ShadowCopyLinks.LinkName(first.CreatedAt);
        await Waiting.UntilAsync(
            () =>
            {
                var (exitCode, output) = _client.Run("docs", _alice, Password, "allinfo report.txt");
                Assert.True(exitCode == 0, output);
                Assert.Contains(firstVersion, output, StringComparison.Ordinal);
                Assert.Contains(ShadowCopyLinks.LinkName(second.CreatedAt), output, StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(20),
            Ct);
        var back = Path.Combine(_host.Sandbox.Root, "old.txt");
        var get = _client.Run("docs", _alice, Password, $"get \"{firstVersion}\\report.txt\" {back}");
        Assert.True(get.ExitCode == 0, get.Output);
        Assert.Equal("version 1", await File.ReadAllTextAsync(back, Ct));

        await _host.Snapshots.DeleteAsync("docs", "monday", Ct);
        await Waiting.UntilAsync(
            () => Assert.DoesNotContain(firstVersion, _client.Run("docs", _alice, Password, "allinfo report.txt").Output, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            Ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task Writing_past_the_share_s_size_limit_fails_with_disk_full_and_the_share_stays_usable()
    {
        await _host.Shares.ChangeAsync("docs", new ShareChange(SizeLimitGiB: 0.03125), Ct); // 32 MiB
        var local = Path.Combine(_host.Sandbox.Root, "big.bin");
        await File.WriteAllBytesAsync(local, RandomNumberGenerator.GetBytes(64 << 20), Ct);

        var (_, output) = _client.Run("docs", _alice, Password, $"put {local} big.bin");

        Assert.Contains("NT_STATUS_DISK_FULL", output, StringComparison.Ordinal);
        var small = Path.Combine(_host.Sandbox.Root, "small.txt");
        await File.WriteAllTextAsync(small, "still fine", Ct);
        var (exitCode, after) = _client.Run("docs", _alice, Password, "del big.bin; put " + small + " small.txt");
        Assert.True(exitCode == 0, after);
        Assert.Equal("still fine", await File.ReadAllTextAsync(Path.Combine(_share, "small.txt"), Ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task An_option_not_allowed_or_a_value_samba_refuses_is_refused_and_the_running_configuration_is_kept()
    {
        var config = _host.Get<SambaLayout>().ConfigFile;
        var before = await File.ReadAllTextAsync(config, Ct);

        var refused = await Assert.ThrowsAsync<ValidationException>(() => Smb.SetSettingsAsync(new SmbSettingsRequest(GlobalOptions: ["no such option = 1"]), Ct));
        var badValue = await Assert.ThrowsAsync<ValidationException>(() => Smb.SetSettingsAsync(new SmbSettingsRequest(GlobalOptions: ["oplocks = perhaps"]), Ct));

        Assert.Contains("The option 'no such option' is not one the appliance lets you add", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Samba refused the configuration", badValue.Message, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(config, Ct));
        Assert.Empty(Smb.Settings().GlobalOptions);
        Assert.Equal(0, _client.Run("docs", _alice, Password, "ls").ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Turning_samba_off_ends_every_process_it_started()
    {
        var config = _host.Get<SambaLayout>().ConfigFile;
        Assert.NotEmpty(ServerProcess.Using($"--configfile={config}"));

        await _host.Get<ServiceMonitor>().SetEnabledAsync(ServiceNames.Samba, false, Ct);

        Assert.Empty(ServerProcess.Using($"--configfile={config}"));
        Assert.NotEqual(0, _client.Run("docs", _alice, Password, "ls").ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task Samba_left_running_by_a_killed_appliance_is_ended_when_the_service_starts_again()
    {
        var monitor = _host.Get<ServiceMonitor>();
        var config = _host.Get<SambaLayout>().ConfigFile;
        await monitor.SetEnabledAsync(ServiceNames.Samba, false, Ct);
        using var leftover = System.Diagnostics.Process.Start("/usr/sbin/smbd", ["--foreground", $"--configfile={config}"]);
        while (!ListeningPorts.IsListening(_port))
        {
            Assert.False(leftover.HasExited, "the leftover smbd ended by itself");
            await Task.Delay(100, Ct);
        }

        var started = await monitor.SetEnabledAsync(ServiceNames.Samba, true, Ct);

        Assert.True(started.State == ServiceState.Running, started.Error);
        Assert.True(leftover.WaitForExit(5000));
        Assert.DoesNotContain(leftover.Id, ServerProcess.Using($"--configfile={config}"));
        Assert.Equal(0, _client.Run("docs", _alice, Password, "ls").ExitCode);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_replica_is_served_read_only_from_its_newest_snapshot_and_follows_a_newer_one()
    {
        // A replica share as a destination holds it: no subvolume of its own, only read-only snapshots.
        var shares = _host.Get<IShareRepository>();
        shares.Add(new Share { Name = "nas2_docs", Pool = "pool1", Uuid = "", CreatedAt = DateTimeOffset.UtcNow, Kind = ShareKind.Replica });
        await File.WriteAllTextAsync(Path.Combine(_share, "backup.txt"), "monday's backup", Ct);
        await ReceiveIntoReplicaAsync("monday");

        var writable = await Assert.ThrowsAsync<ValidationException>(() => Smb.SetAsync("nas2_docs", new SmbExportRequest(Enabled: true, ReadOnly: false), Ct));
        Assert.Contains("read-only", writable.Message, StringComparison.Ordinal);
        await Smb.SetAsync("nas2_docs", new SmbExportRequest(Enabled: true, Users: [_alice]), Ct);

        var back = Path.Combine(_host.Sandbox.Root, "backup.txt");
        var read = _client.Run("nas2_docs", _alice, Password, $"get backup.txt {back}");
        Assert.True(read.ExitCode == 0, read.Output);
        Assert.Equal("monday's backup", await File.ReadAllTextAsync(back, Ct));
        Assert.Contains("NT_STATUS_ACCESS_DENIED", _client.Run("nas2_docs", _alice, Password, $"put {back} new.txt").Output, StringComparison.Ordinal);

        await Task.Delay(1100, Ct);
        await File.WriteAllTextAsync(Path.Combine(_share, "backup.txt"), "tuesday's backup", Ct);
        await ReceiveIntoReplicaAsync("tuesday");

        await Waiting.UntilAsync(
            async () =>
            {
                read = _client.Run("nas2_docs", _alice, Password, $"get backup.txt {back}");
                Assert.True(read.ExitCode == 0, read.Output);
                Assert.Equal("tuesday's backup", await File.ReadAllTextAsync(back, Ct));
            },
            TimeSpan.FromSeconds(20),
            Ct);
        await Waiting.UntilAsync(
            () => Assert.Equal(2, _client.Run("nas2_docs", _alice, Password, "allinfo backup.txt").Output.Split('\n').Count(l => l.StartsWith("@GMT-", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(20),
            Ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_change_to_the_exports_keeps_a_client_s_open_connection()
    {
        var start = new System.Diagnostics.ProcessStartInfo("smbclient", ["//127.0.0.1/docs", "-p", _port.ToString(CultureInfo.InvariantCulture), "-U", $"{_alice}%{Password}"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        using var session = System.Diagnostics.Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        session.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        session.BeginOutputReadLine();
        await session.StandardInput.WriteLineAsync("mkdir before-reload");
        await Waiting.UntilAsync(() => Assert.True(Directory.Exists(Path.Combine(_share, "before-reload"))), TimeSpan.FromSeconds(20), Ct);

        await _host.Shares.CreateAsync("pool1", "other", Ct);
        await Smb.SetAsync("other", new SmbExportRequest(Enabled: true), Ct); // a new configuration, reloaded

        await session.StandardInput.WriteLineAsync("mkdir after-reload");
        try
        {
            await Waiting.UntilAsync(() => Assert.True(Directory.Exists(Path.Combine(_share, "after-reload")), output.ToString()), TimeSpan.FromSeconds(20), Ct);
        }
        finally
        {
            session.Kill();
        }

        Assert.Contains("[other]", await File.ReadAllTextAsync(_host.Get<SambaLayout>().ConfigFile, Ct), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_smbd_that_dies_shows_the_service_as_failed_with_the_reason_and_raises_one_alert_mailed_and_resolved_when_it_runs_again()
    {
        using var mail = new MailSink("127.0.0.1");
        _host.Get<Domain.Appliances.ApplianceIdentity>().Ensure(null);
        var alerts = _host.Get<AlertService>();
        await alerts.SaveSettingsAsync(new AlertSettingsRequest("127.0.0.1", mail.Port, "none", null, null, "nas@example.com", "admin@example.com", null), Ct);
        var watch = _host.Get<IEnumerable<IHostedService>>().OfType<ServiceAlertWatch>().Single();
        await watch.StartAsync(Ct);
        var monitor = _host.Get<ServiceMonitor>();
        var smbd = _host.Get<SambaServer>().SmbdProcessId!.Value;

        Sandbox.Run("kill", "-KILL", smbd.ToString(CultureInfo.InvariantCulture));

        try
        {
            var failed = await Waiting.UntilAsync(
                () =>
                {
                    var status = monitor.Get(ServiceNames.Samba);
                    Assert.Equal(ServiceState.Failed, status.State);
                    return status;
                },
                TimeSpan.FromSeconds(20),
                Ct);
            Assert.Contains("smbd ended on its own", failed.Error, StringComparison.Ordinal);
            var raised = await mail.NextWithAsync("Service stopped: service Samba", TimeSpan.FromSeconds(30));
            Assert.Contains("smbd ended on its own", raised, StringComparison.Ordinal);
            Assert.Equal(AlertKind.ServiceStopped, Assert.Single(alerts.List(openOnly: true)).Kind);

            Assert.True((await monitor.SetEnabledAsync(ServiceNames.Samba, true, Ct)).State == ServiceState.Running);
            Assert.Equal(0, _client.Run("docs", _alice, Password, "ls").ExitCode);
            await mail.NextWithAsync("Resolved: service Samba", TimeSpan.FromSeconds(30));
            Assert.Empty(alerts.List(openOnly: true));
        }
        finally
        {
            await watch.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>A snapshot of the share, sent and received into the replica's folder as replication would, and found by a reconcile.</summary>
    private async Task ReceiveIntoReplicaAsync(string name)
    {
        var pool = _host.Layout.PoolMountPoint("pool1");
        var staging = Directory.CreateDirectory(Path.Combine(pool, "staging")).FullName;
        var replica = Directory.CreateDirectory(Path.Combine(pool, ".snapshots", "nas2_docs")).FullName;
        Sandbox.Run("btrfs", "subvolume", "snapshot", "-r", _share, Path.Combine(staging, name));
        Sandbox.Run("bash", "-c", "btrfs send -q \"$1\" | btrfs receive -q \"$2\"", "send", Path.Combine(staging, name), replica);
        await _host.Snapshots.ListAsync(new Domain.Snapshots.SnapshotQuery(Share: "nas2_docs"), Ct);
    }

    [Fact(Timeout = 120_000)]
    public async Task Samba_does_not_start_while_another_program_holds_its_port_and_says_so()
    {
        var monitor = _host.Get<ServiceMonitor>();
        await monitor.SetEnabledAsync(ServiceNames.Samba, false, Ct);
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, _port);
        squatter.Start();

        var status = await monitor.SetEnabledAsync(ServiceNames.Samba, true, Ct);

        Assert.Equal(ServiceState.Failed, status.State);
        Assert.Contains($"another program already listens on port {_port}", status.Error, StringComparison.Ordinal);
        Assert.Empty(ServerProcess.Using($"--configfile={_host.Get<SambaLayout>().ConfigFile}"));
    }

    private static string Sha(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
