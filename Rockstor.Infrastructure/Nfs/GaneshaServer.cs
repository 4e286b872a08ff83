using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Services;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Servers;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Nfs;

/// <summary>
/// The appliance's own NFS server (ADR-030): NFS-Ganesha run as its child with a configuration, log and
/// recovery state of its own under the data directory, on the port the appliance is told (2049 by
/// default). Each exported share is served through a bind mount of its own (<see cref="ExportMounts"/>).
/// An export changes by rewriting the file and sending SIGHUP, which Ganesha takes without a restart;
/// when its log reports that it could not take the new file, the previous one is put back.
/// </summary>
public sealed class GaneshaServer(
    GaneshaLayout layout,
    ExportMounts binds,
    INfsStore store,
    IShareRepository shares,
    AccountResolver accounts,
    MountTable mounts,
    StorageLayout storage,
    IOptions<RockstorOptions> options,
    ILogger<GaneshaServer> logger) : IManagedService, INfsServer, IReportsFailure, IAsyncDisposable, IDisposable
{
    private const string Ganesha = "/usr/bin/ganesha.nfsd";
    private const int Portmapper = 111;
    private const int Nobody = 65534;
    private const string NeedsPortmapper = "NFSv3 needs the machine's portmapper (rpcbind) running: install and start rpcbind, or leave NFSv3 off.";
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ReloadWithin = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private ServerProcess? _process;
    private NfsSettings? _runningSettings;

    public event Action<string, string>? Failed;

    public string Name => ServiceNames.Nfs;

    public string Title => "NFS (file sharing for Linux and Unix)";

    /// <summary>The running server's process id (for tests that check a change did not restart it).</summary>
    internal int? ProcessId => _process?.Id;

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_process is null)
            {
                await StartLockedAsync(store.LoadSettings(), LiveExports.Of(store.Exports(), shares), ct).ConfigureAwait(false);
            }
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
            await StopLockedAsync().ConfigureAwait(false);
            await ServerProcess.EndAllUsingAsync(layout.ConfigFile, ct).ConfigureAwait(false);
            await binds.KeepOnlyAsync([], ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ApplyAsync(NfsSettings settings, IReadOnlyList<NfsExport> exports, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_process is null)
            {
                Write(settings, Entries(exports)); // read at the next start
                return;
            }

            if (settings != _runningSettings)
            {
                // The protocols are read only at start: a change of version restarts the server, once
                // what can be checked before stopping it was.
                RequirePortmapperFor(settings);
                var previous = _runningSettings!;
                await StopLockedAsync().ConfigureAwait(false);
                try
                {
                    await StartLockedAsync(settings, exports, ct).ConfigureAwait(false);
                }
                catch (Exception failed)
                {
                    try
                    {
                        await StartLockedAsync(previous, LiveExports.Of(store.Exports(), shares), CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is RockstorException or IOException)
                    {
                        logger.LogError(e, "NFS could not be started again with its previous settings after {Reason}", failed.Message);
                    }

                    throw;
                }

                return;
            }

            await ReloadAsync(settings, exports, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>For a container disposed without waiting: the server must not outlive the appliance.</summary>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    private async Task StartLockedAsync(NfsSettings settings, IReadOnlyList<NfsExport> exports, CancellationToken ct)
    {
        await ServerProcess.EndAllUsingAsync(layout.ConfigFile, ct).ConfigureAwait(false);
        var entries = Entries(exports);
        await binds.KeepOnlyAsync(entries.Select(e => e.Entry.Export.Share).ToList(), ct).ConfigureAwait(false); // and what a killed appliance left
        var port = options.Value.NfsPort;
        if (ListeningPorts.IsListening(port))
        {
            throw new StorageCommandException(
                "NFS could not start.",
                "ganesha.nfsd",
                $"another program already listens on port {port} (the machine's own NFS server?); stop it, or give the appliance another NFS port");
        }

        RequirePortmapperFor(settings);
        await binds.MountAsync(Sources(entries), ct).ConfigureAwait(false);
        Write(settings, entries);
        layout.RotateLog();
        var logStart = layout.LogLength();
        var process = ServerProcess.Start(Ganesha, ["-F", "-f", layout.ConfigFile, "-L", layout.LogFile, "-p", layout.PidFile]);
        try
        {
            await WaitUntilListeningAsync(process, port, logStart, ct).ConfigureAwait(false);
            if (GaneshaLog.ConfigurationErrors(layout.LogLinesAfter(logStart)) is { Count: > 0 } errors)
            {
                throw new ValidationException($"The NFS server refused the configuration: {string.Join(" ", errors)}");
            }
        }
        catch
        {
            await process.StopAsync().ConfigureAwait(false);
            process.Dispose();
            throw;
        }

        _process = process;
        _runningSettings = settings;
        process.Exited += OnExited;
        if (process.HasExited)
        {
            OnExited(process); // it ended between the wait and here: reported all the same
        }

        logger.LogInformation("NFS-Ganesha started on port {Port}", port);
    }

    private static void RequirePortmapperFor(NfsSettings settings)
    {
        if (settings.V3 && !ListeningPorts.IsListening(Portmapper))
        {
            throw new ValidationException(NeedsPortmapper);
        }
    }

    private async Task StopLockedAsync()
    {
        var running = _process;
        _process = null;
        _runningSettings = null;
        if (running is not null)
        {
            await running.StopAsync().ConfigureAwait(false);
            running.Dispose();
        }
    }

    /// <summary>
    /// Rewrites the file and has the running server read it again; when its log reports that it could not
    /// make an export from it, the previous file goes back and is read again, and the change is refused.
    /// </summary>
    private async Task ReloadAsync(NfsSettings settings, IReadOnlyList<NfsExport> exports, CancellationToken ct)
    {
        var previous = await File.ReadAllTextAsync(layout.ConfigFile, ct).ConfigureAwait(false);
        var entries = Entries(exports);
        await binds.MountAsync(Sources(entries), ct).ConfigureAwait(false);
        Write(settings, entries);
        var errors = await HangupAsync(ct).ConfigureAwait(false);
        if (errors.Count == 0)
        {
            await binds.KeepOnlyAsync(entries.Select(e => e.Entry.Export.Share).ToList(), ct).ConfigureAwait(false);
            return;
        }

        await File.WriteAllTextAsync(layout.ConfigFile, previous, CancellationToken.None).ConfigureAwait(false);
        await HangupAsync(CancellationToken.None).ConfigureAwait(false);
        await binds.KeepOnlyAsync(Entries(LiveExports.Of(store.Exports(), shares)).Select(e => e.Entry.Export.Share).ToList(), CancellationToken.None).ConfigureAwait(false);
        throw new ValidationException($"The NFS server refused the configuration: {string.Join(" ", errors)}");
    }

    /// <summary>Sends SIGHUP and returns the configuration errors the server logged while it read its exports again.</summary>
    private async Task<IReadOnlyList<string>> HangupAsync(CancellationToken ct)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new StorageCommandException("The NFS server did not take the change.", "ganesha.nfsd", "it is not running any more; turn NFS off and on again");
        }

        var offset = layout.LogLength();
        ProcessSignals.Hangup(process.Id);
        var deadline = DateTime.UtcNow + ReloadWithin;
        while (!layout.LogLinesAfter(offset).Any(l => l.Contains(GaneshaLog.ReloadDone, StringComparison.Ordinal)))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new StorageCommandException("The NFS server did not take the change.", "ganesha.nfsd", $"it did not report reading its exports again within {ReloadWithin.TotalSeconds:0} s; see {layout.LogFile}");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        await Task.Delay(300, ct).ConfigureAwait(false); // the errors of the reread are logged just after it
        return GaneshaLog.ConfigurationErrors(layout.LogLinesAfter(offset));
    }

    private void Write(NfsSettings settings, IReadOnlyList<(GaneshaExportEntry Entry, string Source)> entries)
    {
        layout.EnsureDirectories();
        // A grace period holds every new open back (90 s) so that clients of the last run can reclaim
        // theirs; with none on record there is nobody to wait for.
        var graceless = !layout.HasClientRecords();
        var text = GaneshaConfigWriter.Write(options.Value.NfsPort, settings.V3, layout.RecoveryRoot, graceless, entries.Select(e => e.Entry).ToList());
        var staged = layout.ConfigFile + ".new";
        File.WriteAllText(staged, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)); // Ganesha reads a byte-order mark as a syntax error
        File.Move(staged, layout.ConfigFile, overwrite: true);
    }

    /// <summary>
    /// The enabled exports as the configuration names them (served from their bind) with the share's own
    /// folder. A share that is gone or whose pool is not mounted is left out, so nothing is served from an
    /// empty folder.
    /// </summary>
    private List<(GaneshaExportEntry Entry, string Source)> Entries(IReadOnlyList<NfsExport> exports)
    {
        var entries = new List<(GaneshaExportEntry, string)>();
        foreach (var export in exports.Where(e => e.Enabled))
        {
            if (shares.Find(export.Share) is not { } share || !mounts.IsBtrfsMountPoint(storage.PoolMountPoint(share.Pool)))
            {
                continue;
            }

            var entry = new GaneshaExportEntry(export, binds.PathOf(share.Name), IdOr(() => accounts.OwnerId(share.Owner)), IdOr(() => accounts.GroupId(share.Group)));
            entries.Add((entry, storage.SharePath(share.Pool, share.Name)));
        }

        return entries;
    }

    private static Dictionary<string, string> Sources(List<(GaneshaExportEntry Entry, string Source)> entries) =>
        entries.ToDictionary(e => e.Entry.Export.Share, e => e.Source, StringComparer.Ordinal);

    /// <summary>
    /// The id everyone is squashed to: an owner that no longer resolves, or root (a share's owner or group
    /// by default), squashes to nobody, never to root.
    /// </summary>
    private static int IdOr(Func<int> id)
    {
        try
        {
            return id() is var resolved and > 0 ? resolved : Nobody;
        }
        catch (RockstorException)
        {
            return Nobody;
        }
    }

    private async Task WaitUntilListeningAsync(ServerProcess process, int port, long logStart, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (!ListeningPorts.IsListening(port))
        {
            if (process.HasExited)
            {
                var why = GaneshaLog.WhyItEnded(layout.LogLinesAfter(logStart));
                throw new StorageCommandException("NFS could not start.", "ganesha.nfsd", $"ganesha.nfsd ended with exit code {process.ExitCode}{(why.Length > 0 ? $" ({why})" : "")}; see {layout.LogFile}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new StorageCommandException("NFS could not start.", "ganesha.nfsd", $"nothing listened on port {port} after {ReadyWithin.TotalSeconds:0} s; see {layout.LogFile}");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The server ended without being asked: its binds are let go and the service is failed. A process
    /// that is no longer the running one (ended during a restart) changes nothing.
    /// </summary>
    private void OnExited(ServerProcess process)
    {
        var reason = $"ganesha.nfsd ended on its own (exit code {process.ExitCode}); see {layout.LogFile}.";
        _ = Task.Run(async () =>
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (_process != process)
                {
                    return;
                }

                logger.LogError("ganesha.nfsd ended on its own with exit code {ExitCode}", process.ExitCode);
                await StopLockedAsync().ConfigureAwait(false);
                await binds.KeepOnlyAsync([], CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The failure is reported either way; what went wrong while cleaning up is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "The NFS server's binds could not be let go after it ended");
            }
            finally
            {
                _gate.Release();
            }

            Failed?.Invoke(Name, reason);
        });
    }
}
