using System.Diagnostics;

namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// One Samba daemon run in the foreground as the appliance's child: started with its arguments as an
/// array, ended with SIGTERM and, after a grace period, killed with what it started. <see cref="Exited"/>
/// is raised when it ends without being asked to.
/// </summary>
internal sealed class SambaProcess : IDisposable
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private volatile bool _stopping;

    private SambaProcess(Process process)
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

    public event Action<SambaProcess>? Exited;

    public string Program { get; private init; } = "";

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static SambaProcess Start(string program, IReadOnlyList<string> arguments)
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
        return new SambaProcess(process) { Program = Path.GetFileName(program) };
    }

    /// <summary>
    /// Ids of the processes started with this configuration file: Samba daemons a crashed appliance left
    /// running (they would hold its port), found by their command line in /proc.
    /// </summary>
    public static IReadOnlyList<int> Using(string configFile)
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
                if (arguments.Contains($"--configfile={configFile}"))
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
