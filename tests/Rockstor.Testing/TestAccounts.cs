using System.Globalization;

namespace Rockstor.Testing;

/// <summary>
/// Names for the machine accounts and groups a test makes (through the appliance or itself): rt, the test
/// process's id, '-', a letter and a number, so they never meet a real account. <see cref="Dispose"/>
/// deletes every account and group of those names that exists, also when the test failed; a new instance
/// first sweeps those of test processes that are gone.
/// </summary>
public sealed class TestAccounts : IDisposable
{
    public const string Prefix = "rt";

    private static int _counter;
    private readonly List<string> _names = [];

    public TestAccounts() => SweepStale();

    /// <summary>A fresh account or group name of this test's, such as "rt4711-u3".</summary>
    public string Name(char kind = 'u')
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"{Prefix}{Environment.ProcessId}-{kind}{Interlocked.Increment(ref _counter)}");
        lock (_names)
        {
            _names.Add(name);
        }

        return name;
    }

    public void Dispose()
    {
        lock (_names)
        {
            Remove(_names);
        }
    }

    /// <summary>Whether the machine has a user of that name.</summary>
    public static bool UserExists(string name) => Sandbox.TryRun("getent", "passwd", name).ExitCode == 0;

    /// <summary>Whether the machine has a group of that name.</summary>
    public static bool GroupExists(string name) => Sandbox.TryRun("getent", "group", name).ExitCode == 0;

    private static void Remove(IEnumerable<string> names)
    {
        foreach (var name in names.ToList())
        {
            if (UserExists(name))
            {
                Sandbox.TryRun("userdel", "--", name);
            }

            if (Directory.Exists(Path.Combine("/home", name)))
            {
                Directory.Delete(Path.Combine("/home", name), recursive: true);
            }
        }

        foreach (var name in names.ToList())
        {
            if (GroupExists(name))
            {
                Sandbox.TryRun("groupdel", "--", name);
            }
        }
    }

    /// <summary>Accounts and groups left by test processes that no longer run.</summary>
    private static void SweepStale()
    {
        var stale = File.ReadAllLines("/etc/passwd").Concat(File.ReadAllLines("/etc/group"))
            .Select(line => line.Split(':')[0])
            .Where(IsOfGoneProcess)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        Remove(stale);
    }

    private static bool IsOfGoneProcess(string name)
    {
        if (!name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dash = name.IndexOf('-', StringComparison.Ordinal);
        return dash > Prefix.Length
            && int.TryParse(name.AsSpan(Prefix.Length, dash - Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && !Directory.Exists($"/proc/{pid}");
    }
}
