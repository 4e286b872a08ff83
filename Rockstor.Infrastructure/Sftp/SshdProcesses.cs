using Rockstor.Infrastructure.Servers;

namespace Rockstor.Infrastructure.Sftp;

/// <summary>
/// Finds the appliance's sshd processes in /proc without starting a program: listeners by their
/// configuration file (sshd rewrites its command line, but keeps "-f file" in it), and users' sessions by
/// the root they are locked into, which names the user and is what holds the folders' mounts. Ends them
/// with SIGTERM, and SIGKILL for those still there after a grace period.
/// </summary>
internal static class SshdProcesses
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>sshd listeners started with this configuration file (one a killed appliance left running, say).</summary>
    public static IReadOnlyList<int> Listening(string configFile) =>
        Processes(pid =>
        {
            var words = File.ReadAllText($"/proc/{pid}/cmdline").Split([' ', '\0'], StringSplitOptions.RemoveEmptyEntries);
            return words.Length > 0 && words[0].Contains("sshd", StringComparison.Ordinal)
                && words.Zip(words.Skip(1)).Any(w => w.First == "-f" && w.Second == configFile);
        });

    /// <summary>Processes whose root directory is the folder or one below it: sessions locked into it.</summary>
    public static IReadOnlyList<int> LockedInto(string folder) =>
        Processes(pid => new DirectoryInfo($"/proc/{pid}/root").LinkTarget is { } root
            && (root == folder || root.StartsWith(folder + "/", StringComparison.Ordinal)));

    /// <summary>Ends the processes <paramref name="find"/> finds, asking first and killing those still there after the grace period.</summary>
    public static async Task EndAsync(Func<IReadOnlyList<int>> find, CancellationToken ct)
    {
        var found = find();
        if (found.Count == 0)
        {
            return;
        }

        foreach (var pid in found)
        {
            ProcessSignals.Terminate(pid);
        }

        var deadline = DateTime.UtcNow + Grace;
        while (find().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }

        foreach (var pid in find())
        {
            ProcessSignals.Kill(pid);
        }
    }

    private static List<int> Processes(Func<int, bool> matches)
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
                if (matches(pid))
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
}
