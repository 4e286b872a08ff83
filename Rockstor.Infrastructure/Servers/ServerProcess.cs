using System.Diagnostics;

namespace Rockstor.Infrastructure.Servers;

/// <summary>
/// One server daemon (smbd, ganesha.nfsd, sshd) run in the foreground as the appliance's child: started
/// with its arguments as an array, ended with SIGTERM and, after a grace period, killed with what it
/// started. <see cref="Exited"/> is raised when it ends without being asked to.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private volatile bool _stopping;

    private ServerProcess(Process process)
    {
        _process = process;
        _process.EnableRaisingEvents = true;
        _process.Exited += (_, _) =>
        {
            if (!_stopping)
            {
                Exited?.Invoke(this);
            }
        };
    }

    public event Action<ServerProcess>? Exited;

    public string Program { get; private init; } = "";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static ServerProcess Start(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started.");
        return new ServerProcess(process) { Program = Path.GetFileName(program) };
    }

    /// <summary>
    /// Ids of the processes whose command line holds <paramref name="argument"/> (the option naming their
    /// configuration file): daemons a crashed appliance left running (they would hold its port), found in /proc.
    /// </summary>
    public static IReadOnlyList<int> Using(string argument)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                if (arguments.Contains(argument))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while it was being read
            }
        }

        return found;
    }

    /// <summary>
    /// Ends every process still running with <paramref name="argument"/>: daemons an appliance killed
    /// before it could stop them left behind, or helpers that outlived the daemon that forked them. Killed
    /// when they have not ended five seconds after being asked. Returns how many there were.
    /// </summary>
    public static async Task<int> EndAllUsingAsync(string argument, CancellationToken ct)
    {
        var leftovers = Using(argument);
        foreach (var pid in leftovers)
        {
            ProcessSignals.Terminate(pid);
        }

        var deadline = DateTime.UtcNow + StopGrace;
        while (leftovers.Count > 0 && Using(argument).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        foreach (var pid in Using(argument))
        {
            ProcessSignals.Kill(pid);
        }

        return leftovers.Count;
    }

    public async Task StopAsync()
    {
        _stopping = true;
        if (_process.HasExited)
        {
            return;
        }

        ProcessSignals.Terminate(_process.Id);
        using var grace = new CancellationTokenSource(StopGrace);
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();
}
