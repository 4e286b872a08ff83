using System.Diagnostics;
using System.Text.Json;

namespace Rockstor.Testing;

/// <summary>
/// A folder of one test's own under /tmp, named rockstor-test-PID-..., and everything made in it: image
/// files, loop devices, mounts. <see cref="Dispose"/> removes them all even when the test failed, and
/// a new sandbox first sweeps what a killed test run left behind.
/// </summary>
public sealed class Sandbox : IDisposable
{
    public const string Prefix = "rockstor-test-";

    private const string RootOnlyPath = "/var/lib/rockstor-tests";

    /// <summary>
    /// A base for sandboxes whose every folder above is root's and written by no one else, as sshd asks of
    /// a folder it locks a user into (the system's temporary folder is open to all).
    /// </summary>
    public static string RootOnlyBase
    {
        get
        {
            Directory.CreateDirectory(RootOnlyPath).UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
            return RootOnlyPath;
        }
    }

    private int _disks;

    /// <param name="baseDirectory">Where sandboxes are made and swept; the system's temporary folder by default.</param>
    public Sandbox(string? baseDirectory = null)
    {
        baseDirectory ??= Path.GetTempPath();
        SweepStale(baseDirectory);
        Root = Path.Combine(baseDirectory, $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..(Prefix.Length + 20)]);
        Directory.CreateDirectory(Root);
        DataDirectory = Path.Combine(Root, "data");
        MountRoot = Path.Combine(Root, "mnt");
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public string MountRoot { get; }

    /// <summary>Makes a sparse image file and attaches it to a loop device that the test can offer as a disk.</summary>
    public string AttachLoopDisk(long sizeBytes = 1L << 30)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Root, "disks")).FullName;
        var file = Path.Combine(directory, $"disk{Interlocked.Increment(ref _disks)}.img");
        using (var stream = File.Create(file))
        {
            stream.SetLength(sizeBytes);
        }

        return Run("losetup", "--find", "--show", file).Trim();
    }

    /// <summary>Runs a command outside the code under test (to change things behind its back); throws on failure.</summary>
    public static string Run(string program, params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(program, arguments);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exitCode}): {error}");
    }

    public static (int ExitCode, string Output, string Error) TryRun(string program, params string[] arguments) => TryRun(TimeSpan.FromMinutes(2), program, arguments);

    /// <summary>Runs a command that takes longer than two minutes (a build); throws on failure.</summary>
    public static string RunFor(TimeSpan timeout, string program, params string[] arguments)
    {
        var (exitCode, output, error) = TryRun(timeout, program, arguments);
        return exitCode == 0
            ? output
            : throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({exitCode}): {error}");
    }

    /// <summary>Runs a command with a time limit of its own; its exit code and what it printed, whatever they are.</summary>
    public static (int ExitCode, string Output, string Error) TryRun(TimeSpan timeout, string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in {timeout.TotalMinutes:0.#} minutes.");
        }

        return (process.ExitCode, output.Result, error);
    }

    /// <summary>Loop devices whose backing file is under the folder.</summary>
    public static IReadOnlyList<string> LoopDevicesUnder(string folder)
    {
        var json = Run("losetup", "--list", "--json", "--output", "NAME,BACK-FILE");
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("loopdevices").EnumerateArray()
            .Where(d => d.GetProperty("back-file").GetString() is { } back && back.StartsWith(folder + "/", StringComparison.Ordinal))
            .Select(d => d.GetProperty("name").GetString()!)
            .ToList();
    }

    /// <summary>Mount points at or under the folder, deepest first.</summary>
    public static IReadOnlyList<string> MountsUnder(string folder) =>
        File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' ')[4].Replace("\\040", " ", StringComparison.Ordinal))
            .Where(p => p == folder || p.StartsWith(folder + "/", StringComparison.Ordinal))
            .OrderByDescending(p => p.Length)
            .ToList();

    /// <summary>Removes everything the sandbox holds, and <see cref="RootOnlyBase"/> when it was the base and no other sandbox is left in it.</summary>
    public void Dispose()
    {
        CleanUp(Root);
        if (Path.GetDirectoryName(Root) == RootOnlyPath && !Directory.EnumerateFileSystemEntries(RootOnlyPath).Any())
        {
            try
            {
                Directory.Delete(RootOnlyPath);
            }
            catch (IOException)
            {
                // another test process made its sandbox there meanwhile
            }
        }
    }

    private static void CleanUp(string root)
    {
        EndProcessesUsing(root);
        foreach (var mount in MountsUnder(root))
        {
            if (TryRun("umount", mount).ExitCode != 0)
            {
                TryRun("umount", "--lazy", mount);
            }
        }

        foreach (var device in LoopDevicesUnder(root))
        {
            TryRun("losetup", "-d", device);
        }

        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Another test process swept it at the same time.
        }
    }

    /// <summary>
    /// Ends the processes whose command line names a path in the sandbox (a server a test or its appliance
    /// started, such as smbd with its configuration here) that are still there when the test ends.
    /// </summary>
    private static void EndProcessesUsing(string root)
    {
        var ours = new List<Process>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "cmdline")).Contains(root + "/", StringComparison.Ordinal))
                {
                    ours.Add(Process.GetProcessById(pid));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // it ended meanwhile
            }
        }

        foreach (var process in ours)
        {
            using (process)
            {
                TryRun("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
                {
                    TryRun("kill", "-KILL", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }
    }

    /// <summary>Removes the sandboxes of test processes that are gone (killed before their Dispose ran).</summary>
    private static void SweepStale(string baseDirectory)
    {
        foreach (var folder in Directory.EnumerateDirectories(baseDirectory, Prefix + "*"))
        {
            var rest = Path.GetFileName(folder)[Prefix.Length..];
            var dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest[..dash], out var pid) && !Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    CleanUp(folder.TrimEnd('/'));
                }
                catch (IOException)
                {
                    // Another test process, started beside this one, sweeps the same folder at the same time.
                }
            }
        }
    }
}
