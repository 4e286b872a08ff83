using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Services;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;
using Rockstor.Infrastructure.Servers;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// The appliance's own Samba: smbd and samba-dcerpcd run as its children with a configuration, password
/// database, locks and pid files of its own under the data directory, on the port the appliance is told
/// (445 by default). Configuration changes are checked with testparm before they are written, then a
/// running server reloads them without dropping its connections.
/// </summary>
public sealed class SambaServer(
    SambaLayout layout,
    ShadowCopyLinks links,
    ISmbStore store,
    IShareRepository shares,
    ISnapshotRepository snapshots,
    IPoolRepository pools,
    MountTable mounts,
    StorageLayout storage,
    CommandRunner runner,
    IOptions<RockstorOptions> options,
    ILogger<SambaServer> logger) : IManagedService, ISambaServer, IReportsFailure, IAsyncDisposable, IDisposable
{
    private const string Smbd = "/usr/sbin/smbd";
    private const string Dcerpcd = "/usr/libexec/samba/samba-dcerpcd";
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<ServerProcess> _processes = [];

    public event Action<string, string>? Failed;

    public string Name => ServiceNames.Samba;

    public string Title => "Samba (SMB file sharing)";

    private bool Running => _processes.Count > 0;

    /// <summary>The running smbd's process id (for tests that end it behind the appliance's back).</summary>
    internal int? SmbdProcessId => _processes.FirstOrDefault(p => p.Program == "smbd")?.Id;

    public async Task StartAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (Running)
            {
                return;
            }

            await EndLeftoversAsync(ct).ConfigureAwait(false);
            await WriteAsync(store.LoadSettings(), LiveExports.Of(store.Exports(), shares), ct).ConfigureAwait(false);
            if (ListeningPorts.IsListening(options.Value.SmbPort))
            {
                throw new StorageCommandException(
                    "Samba could not start.",
                    "smbd",
                    $"another program already listens on port {options.Value.SmbPort} (the machine's own Samba service?); stop it, or give the appliance another SMB port");
            }

            var config = $"--configfile={layout.ConfigFile}";
            var started = new List<ServerProcess>();
            try
            {
                started.Add(ServerProcess.Start(Dcerpcd, ["--libexec-rpcds", "--foreground", config]));
                started.Add(ServerProcess.Start(Smbd, ["--foreground", config]));
                await WaitUntilListeningAsync(started, ct).ConfigureAwait(false);
            }
            catch
            {
                await StopAllAsync(started).ConfigureAwait(false);
                throw;
            }

            _processes = started;
            foreach (var process in started)
            {
                process.Exited += OnExited;
                if (process.HasExited)
                {
                    OnExited(process); // it ended between the wait and here: reported all the same
                }
            }

            logger.LogInformation("Samba started on port {Port}", options.Value.SmbPort);
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
            var running = _processes;
            _processes = [];
            await StopAllAsync(running).ConfigureAwait(false);
            await EndLeftoversAsync(ct).ConfigureAwait(false); // helpers the daemons forked into groups of their own
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ApplyAsync(SmbSettings settings, IReadOnlyList<SmbExport> exports, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var previous = File.Exists(layout.ConfigFile) ? await File.ReadAllTextAsync(layout.ConfigFile, ct).ConfigureAwait(false) : null;
            await WriteAsync(settings, exports, ct).ConfigureAwait(false);
            try
            {
                foreach (var process in _processes.Where(p => !p.HasExited))
                {
                    await runner.RunAsync(
                        "smbcontrol",
                        ["--configfile", layout.ConfigFile, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "reload-config"],
                        "Samba could not be told to reload its configuration",
                        ct).ConfigureAwait(false);
                }
            }
            catch when (previous is not null)
            {
                // Not taken: the file goes back as it was, so new connections do not read a change the store never kept.
                await File.WriteAllTextAsync(layout.ConfigFile, previous, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes the previous-version links of the shares whose snapshots changed match them again. Called on
    /// whichever thread wrote the snapshots; the work runs later, one change at a time with every other
    /// Samba change, and nothing it meets goes back to the writer.
    /// </summary>
    public void SnapshotsChanged(IReadOnlyCollection<string> changedShares)
    {
        if (!Running)
        {
            return; // starting maps them anew
        }

        _ = Task.Run(async () =>
        {
            await _gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                foreach (var export in LiveExports.Of(store.Exports(), shares).Where(e => e.Enabled && changedShares.Contains(e.Share)))
                {
                    _ = Entry(export);
                }
            }
#pragma warning disable CA1031 // A link that could not be made must not fail the snapshot that was made; it is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning(e, "The previous versions of shares {Shares} could not be updated", string.Join(", ", changedShares));
            }
            finally
            {
                _gate.Release();
            }
        });
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>For a container disposed without waiting: the servers must not outlive the appliance.</summary>
    public void Dispose() => StopAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Renders the configuration, has testparm check it, and puts it in place; refused configurations change nothing.</summary>
    private async Task WriteAsync(SmbSettings settings, IReadOnlyList<SmbExport> exports, CancellationToken ct)
    {
        layout.EnsureDirectories();
        var entries = exports.Where(e => e.Enabled).Select(Entry).OfType<SambaShareEntry>().ToList();
        var text = SambaConfigWriter.Write(layout, options.Value.SmbPort, settings, entries);
        var staged = layout.ConfigFile + ".new";
        await File.WriteAllTextAsync(staged, text, Encoding.UTF8, ct).ConfigureAwait(false);
        try
        {
            await CheckAsync(staged, ct).ConfigureAwait(false);
            File.Move(staged, layout.ConfigFile, overwrite: true);
        }
        finally
        {
            File.Delete(staged);
        }

        var kept = entries.Select(e => shares.Find(e.Export.Share)).OfType<Share>().Select(s => (s.Pool, s.Name)).ToHashSet();
        links.RemoveAllBut(pools.List().Select(p => p.Name).Where(p => mounts.IsBtrfsMountPoint(storage.PoolMountPoint(p))), kept);
    }

    /// <summary>testparm's verdict: a value it cannot read fails it, and so does an option it does not know (which it only warns about).</summary>
    private async Task CheckAsync(string config, CancellationToken ct)
    {
        var (exitCode, output) = await runner.ProbeAsync("testparm", ["--suppress-prompt", "--debuglevel=1", config, "--debug-stdout"], ct).ConfigureAwait(false);
        var complaints = output.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Contains("Unknown parameter", StringComparison.Ordinal) || l.Contains("is not", StringComparison.Ordinal)
                || l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("Invalid", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (exitCode != 0 || complaints.Any(c => c.Contains("Unknown parameter", StringComparison.Ordinal)))
        {
            throw new ValidationException(
                $"Samba refused the configuration: {(complaints.Count > 0 ? string.Join(" ", complaints) : $"testparm ended with exit code {exitCode}")}");
        }
    }

    /// <summary>Where an export is served from and where its previous versions are mapped (links refreshed here).</summary>
    /// <summary>Null for a share whose pool is not mounted (it is left out, and nothing is made where the pool should be).</summary>
    private SambaShareEntry? Entry(SmbExport export)
    {
        var share = shares.Find(export.Share) ?? throw new NotFoundException($"There is no share named '{export.Share}'.");
        if (!mounts.IsBtrfsMountPoint(storage.PoolMountPoint(share.Pool)))
        {
            return null;
        }

        var own = snapshots.ListForShare(share.Name);
        string path;
        if (share.Kind == ShareKind.Replica)
        {
            links.PointReplica(share.Pool, share.Name, own);
            path = links.ReplicaPath(share.Pool, share.Name);
        }
        else
        {
            path = storage.SharePath(share.Pool, share.Name);
        }

        string? shadow = null;
        if (export.PreviousVersions)
        {
            links.Refresh(share.Pool, share.Name, own);
            shadow = links.Directory(share.Pool, share.Name);
        }

        return new SambaShareEntry(export, path, shadow);
    }

    private async Task WaitUntilListeningAsync(IReadOnlyList<ServerProcess> started, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (!ListeningPorts.IsListening(options.Value.SmbPort))
        {
            if (started.FirstOrDefault(p => p.HasExited) is { } ended)
            {
                throw new StorageCommandException("Samba could not start.", ended.Program, $"{ended.Program} ended with exit code {ended.ExitCode}; see {layout.LogFile}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new StorageCommandException("Samba could not start.", "smbd", $"nothing listened on port {options.Value.SmbPort} after {ReadyWithin.TotalSeconds:0} s; see {layout.LogFile}");
            }

            await Task.Delay(50, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Ends daemons and helpers still running with this configuration (left by a crash, or forked into groups of their own).</summary>
    private async Task EndLeftoversAsync(CancellationToken ct)
    {
        var ended = await ServerProcess.EndAllUsingAsync($"--configfile={layout.ConfigFile}", ct).ConfigureAwait(false);
        if (ended > 0)
        {
            logger.LogInformation("Ended {Count} Samba processes still running with this configuration", ended);
        }
    }

    private void OnExited(ServerProcess process)
    {
        logger.LogError("{Program} ended on its own with exit code {ExitCode}", process.Program, process.ExitCode);
        var reason = $"{process.Program} ended on its own (exit code {process.ExitCode}); see {layout.LogFile}."; // read before the stop disposes it
        _ = Task.Run(async () =>
        {
            if (!_processes.Contains(process))
            {
                return; // already stopped or started anew: the running servers are not touched
            }

            try
            {
                await StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The failure is reported either way; what went wrong while stopping is logged.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "Samba's other processes could not be stopped after {Program} ended", process.Program);
            }
            finally
            {
                Failed?.Invoke(Name, reason);
            }
        });
    }

    private static async Task StopAllAsync(IReadOnlyList<ServerProcess> processes)
    {
        foreach (var process in processes.Reverse())
        {
            await process.StopAsync().ConfigureAwait(false);
            process.Dispose();
        }
    }
}
