using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Common;
using Rockstor.Domain.Services;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Servers;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Sftp;

/// <summary>
/// The appliance's own SSH server for SFTP: Debian's sshd run in the foreground as its child, with a
/// configuration, host key and pid file of its own under the data directory, on the port the admin chose
/// (22 by default). Each user offered a share is locked into a folder holding the shares offered to them
/// (<see cref="ChrootBinds"/>). A change is checked with <c>sshd -t</c> before it is written, then the
/// server reloads (SIGHUP: the listener starts itself again, sessions already open go on); users who lost
/// a share have their sessions ended, so none keeps what was taken away.
/// </summary>
public sealed class SftpServer(
    SftpLayout layout,
    ChrootBinds binds,
    ISftpStore store,
    IShareRepository shares,
    ILocalUserRepository users,
    MountTable mounts,
    StorageLayout storage,
    CommandRunner runner,
    IOptions<RockstorOptions> options,
    ILogger<SftpServer> logger) : IManagedService, ISftpServer, IReportsFailure, IAsyncDisposable, IDisposable
{
    private const string Sshd = "/usr/sbin/sshd";

    /// <summary>Debian's sshd will not start (nor check a configuration) without it; the machine's own ssh service makes it too.</summary>
    private const string PrivilegeSeparationDirectory = "/run/sshd";

    /// <summary>The log is set aside (one old copy kept) at a start when it has grown past this.</summary>
    private const long MaxLogBytes = 10 << 20;

    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerProcess? _process;
    private HashSet<string> _users = new(StringComparer.Ordinal);

    public event Action<string, string>? Failed;

    public string Name => ServiceNames.Sftp;

    public string Title => "SFTP (file transfer over SSH)";

    public int DefaultPort => options.Value.SftpPort;

    /// <summary>The running sshd's process id (for tests that end it behind the appliance's back).</summary>
    internal int? ProcessId => _process?.Id;

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_process is not null)
            {
                return;
            }

            await EndLeftoversAsync(ct).ConfigureAwait(false);
            var settings = store.LoadSettings();
            var port = settings.Port ?? DefaultPort;
            var wanted = Wanted(LiveExports.Of(store.Exports(), shares));
            await CheckChrootAsync(ct).ConfigureAwait(false);
            if (ListeningPorts.IsListening(port))
            {
                throw new StorageCommandException(
                    "SFTP could not start.",
                    "sshd",
                    $"another program already listens on port {port} (the machine's own ssh service?); give the appliance's SFTP another port in its settings");
            }

            Commit(await StageAsync(port, wanted, ct).ConfigureAwait(false), wanted);
            SetLogAside();
            File.Delete(layout.PidFile);
            ServerProcess? started = null;
            try
            {
                await binds.AddAsync(wanted, ct).ConfigureAwait(false);
                started = ServerProcess.Start(Sshd, ["-D", "-E", layout.LogFile, "-f", layout.ConfigFile]);
                await WaitUntilReadyAsync(started, port, ct).ConfigureAwait(false);
            }
            catch
            {
                if (started is not null)
                {
                    await started.StopAsync().ConfigureAwait(false);
                    started.Dispose();
                }

                await binds.RemoveAllAsync(CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            _process = started;
            started.Exited += OnExited;
            if (started.HasExited)
            {
                OnExited(started); // it ended between the wait and here: reported all the same
            }

            logger.LogInformation("SFTP started on port {Port}", port);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await StopUnderGateAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ApplyAsync(SftpSettings settings, IReadOnlyList<SftpExport> exports, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var port = settings.Port ?? DefaultPort;
            var wanted = Wanted(exports);
            if (_process is null)
            {
                Commit(await StageAsync(port, wanted, ct).ConfigureAwait(false), wanted);
                return;
            }

            var before = RunningPort();
            if (port != before && ListeningPorts.IsListening(port))
            {
                throw new ConflictException($"Another program already listens on port {port}; choose another port for SFTP.");
            }

            var staged = await StageAsync(port, wanted, ct).ConfigureAwait(false);
            var added = await binds.AddAsync(wanted, ct).ConfigureAwait(false);
            try
            {
                Commit(staged, wanted);
                await ReloadAsync(_process, port, ct).ConfigureAwait(false);
            }
            catch
            {
                await binds.RemoveAsync(added.Select(b => (b.User, b.Share)).ToList(), CancellationToken.None).ConfigureAwait(false);
                throw;
            }

            // Taken away last: the share leaves the user's folder first (detached lazily if a session is in
            // it), so a login from now on never finds it there, and then each user who lost a share has their
            // sessions ended (a session already inside would otherwise keep what it saw).
            var kept = wanted.Select(b => (b.User, b.Share)).ToHashSet();
            var gone = binds.Current().Where(p => !kept.Contains(p)).ToList();
            await binds.DetachAsync(gone, ct).ConfigureAwait(false);
            foreach (var user in gone.Select(p => p.User).Distinct(StringComparer.Ordinal))
            {
                await SshdProcesses.EndAsync(() => SshdProcesses.LockedInto(layout.ChrootOf(user)), ct).ConfigureAwait(false);
            }

            await binds.RemoveAsync(gone, ct).ConfigureAwait(false); // and the roots left empty
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Writes the user's key file again after a change to the user (a key added, changed or removed on the
    /// Users screen). Called on whichever thread changed the user; the work runs later, in turn with every
    /// other change, and nothing it meets goes back to the caller.
    /// </summary>
    public void UserChanged(string name) => _ = Task.Run(async () =>
    {
        await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (_users.Contains(name))
            {
                WriteKey(name);
            }
        }
#pragma warning disable CA1031 // A key file that could not be written must not fail the change of the user; it is logged.
        catch (Exception e)
#pragma warning restore CA1031
        {
            logger.LogWarning(e, "The SFTP key of {User} could not be written", name);
        }
        finally
        {
            _gate.Release();
        }
    });

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>For a container disposed without waiting: the server and its mounts must not outlive the appliance.</summary>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Every user's view of every enabled export whose share is there to be shown (its pool mounted).</summary>
    private List<SftpBind> Wanted(IReadOnlyList<SftpExport> exports)
    {
        var wanted = new List<SftpBind>();
        foreach (var export in exports.Where(e => e.Enabled))
        {
            if (shares.Find(export.Share) is not { Kind: ShareKind.Regular } share || !mounts.IsBtrfsMountPoint(storage.PoolMountPoint(share.Pool)))
            {
                continue;
            }

            var source = storage.SharePath(share.Pool, share.Name);
            if (Directory.Exists(source))
            {
                wanted.AddRange(export.Users.Select(user => new SftpBind(user, share.Name, source)));
            }
        }

        return wanted;
    }

    /// <summary>Renders the configuration beside the real one and has sshd check it; a refused one is deleted and changes nothing.</summary>
    private async Task<string> StageAsync(int port, IReadOnlyList<SftpBind> wanted, CancellationToken ct)
    {
        layout.EnsureDirectories();
        Directory.CreateDirectory(PrivilegeSeparationDirectory).UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!File.Exists(layout.HostKey))
        {
            await runner.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "rockstor-sftp", "-f", layout.HostKey], "Could not make the SFTP server's host key", ct)
                .ConfigureAwait(false);
        }

        var text = SshdConfigWriter.Write(layout, port, wanted.Select(b => b.User).ToHashSet(StringComparer.Ordinal));
        var staged = layout.ConfigFile + ".new";
        await File.WriteAllTextAsync(staged, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), ct).ConfigureAwait(false);
        try
        {
            await runner.RunAsync(Sshd, ["-t", "-f", staged], "sshd refused the configuration", ct).ConfigureAwait(false);
        }
        catch (StorageCommandException e)
        {
            File.Delete(staged);
            throw new ValidationException($"sshd refused the configuration: {e.StandardError.Trim()}");
        }

        return staged;
    }

    /// <summary>Puts the checked configuration in place, with the key file of every user it lets in (and no other).</summary>
    private void Commit(string staged, IReadOnlyList<SftpBind> wanted)
    {
        File.Move(staged, layout.ConfigFile, overwrite: true);
        _users = wanted.Select(b => b.User).ToHashSet(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(layout.KeysDirectory).Where(f => !_users.Contains(Path.GetFileName(f))))
        {
            File.Delete(file);
        }

        foreach (var user in _users)
        {
            WriteKey(user);
        }
    }

    /// <summary>The user's key line, or an empty file for a user without one (who logs in by password).</summary>
    private void WriteKey(string user)
    {
        var key = users.Find(user)?.PublicKey;
        var file = layout.KeyFile(user);
        var staged = file + ".new";
        File.WriteAllText(staged, key is null ? "" : key + "\n");
        File.SetUnixFileMode(staged, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(staged, file, overwrite: true);
    }

    /// <summary>
    /// SIGHUP: sshd closes its listening socket and starts itself again with the new configuration; it
    /// writes its pid file once it listens again, so the change is in force when this returns.
    /// </summary>
    private async Task ReloadAsync(ServerProcess process, int port, CancellationToken ct)
    {
        File.Delete(layout.PidFile);
        ProcessSignals.Hangup(process.Id);
        await WaitUntilReadyAsync(process, port, ct).ConfigureAwait(false);
    }

    private async Task WaitUntilReadyAsync(ServerProcess process, int port, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (!File.Exists(layout.PidFile) || !ListeningPorts.IsListening(port))
        {
            if (process.HasExited)
            {
                throw new StorageCommandException("SFTP could not start.", "sshd", $"sshd ended with exit code {process.ExitCode}; {LastLogLine()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new StorageCommandException("SFTP could not start.", "sshd", $"nothing listened on port {port} after {ReadyWithin.TotalSeconds:0} s; see {layout.LogFile}");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The port of the configuration in force.</summary>
    private int RunningPort() =>
        File.ReadLines(layout.ConfigFile).Where(l => l.StartsWith("Port ", StringComparison.Ordinal))
            .Select(l => int.Parse(l.AsSpan(5), CultureInfo.InvariantCulture))
            .FirstOrDefault();

    /// <summary>
    /// sshd locks a user only into a folder whose every parent is root's and written by no one else; a data
    /// directory below, say, /tmp fails there, and is refused here with a sentence rather than at each login.
    /// </summary>
    private async Task CheckChrootAsync(CancellationToken ct)
    {
        layout.EnsureDirectories();
        var parts = layout.ChrootRoot.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var paths = Enumerable.Range(0, parts.Length + 1).Select(n => "/" + string.Join('/', parts.Take(n))).ToList();
        var output = await runner.RunAsync("stat", ["--format=%u %a %n", "--", .. paths], "Could not read the owners of the SFTP folders", ct).ConfigureAwait(false);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ', 3);
            var mode = Convert.ToInt32(fields[1], 8);
            if (fields[0] != "0" || (mode & 0b000_010_010) != 0)
            {
                throw new StorageCommandException(
                    "SFTP could not start.",
                    "sshd",
                    $"sshd locks each user into a folder under {layout.ChrootRoot}, and refuses one below a folder that is not root's or that others may write: {fields[2]} (owner {fields[0]}, mode {fields[1]}). Keep the appliance's data directory where only root writes, such as /var/lib/rockstor");
            }
        }
    }

    /// <summary>A listener a killed appliance left running, its users' sessions and its mounts: all ended before a start.</summary>
    private async Task EndLeftoversAsync(CancellationToken ct)
    {
        await SshdProcesses.EndAsync(() => SshdProcesses.Listening(layout.ConfigFile), ct).ConfigureAwait(false);
        await SshdProcesses.EndAsync(() => SshdProcesses.LockedInto(layout.ChrootRoot), ct).ConfigureAwait(false);
        await binds.RemoveAllAsync(ct).ConfigureAwait(false);
    }

    private async Task StopUnderGateAsync()
    {
        var running = _process;
        _process = null;
        if (running is not null)
        {
            await running.StopAsync().ConfigureAwait(false);
            running.Dispose();
        }

        await EndLeftoversAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void SetLogAside()
    {
        if (File.Exists(layout.LogFile) && new FileInfo(layout.LogFile).Length > MaxLogBytes)
        {
            File.Move(layout.LogFile, layout.LogFile + ".old", overwrite: true);
        }
    }

    private string LastLogLine() =>
        File.Exists(layout.LogFile) && File.ReadLines(layout.LogFile).LastOrDefault(l => l.Trim().Length > 0) is { } last
            ? $"it said: {last.Trim()}"
            : $"see {layout.LogFile}";

    private void OnExited(ServerProcess process)
    {
        logger.LogError("sshd ended on its own with exit code {ExitCode}", process.ExitCode);
        var reason = $"sshd ended on its own (exit code {process.ExitCode}); {LastLogLine()}."; // read before the stop disposes it
        _ = Task.Run(async () =>
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (_process != process)
                {
                    return; // a process already replaced or stopped: the running one is not touched
                }

                await StopUnderGateAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The failure is reported either way; what went wrong while stopping is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "The SFTP sessions and folders could not be cleared after sshd ended");
            }
            finally
            {
                _gate.Release();
            }

            Failed?.Invoke(Name, reason);
        });
    }
}
