namespace Rockstor.Infrastructure.Nfs;

/// <summary>
/// Where this appliance's NFS-Ganesha keeps its configuration, log, pid file and client recovery state:
/// all under the appliance's data directory, so the machine's own /etc/ganesha and /var/lib/nfs are never
/// touched and several appliances on one machine never share them.
/// </summary>
public sealed class GaneshaLayout(string dataDirectory)
{
    /// <summary>A log past this size is set aside (as ganesha.log.old) when the server starts.</summary>
    private const long LogLimit = 4 << 20;

    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "nfs");

    public string ConfigFile => Path.Combine(Root, "ganesha.conf");

    public string LogFile => Path.Combine(Root, "ganesha.log");

    public string PidFile => Path.Combine(Root, "ganesha.pid");

    /// <summary>Where each exported share is bound while the server runs (see <see cref="ExportMounts"/>).</summary>
    public string ExportsDirectory => Path.Combine(Root, "exports");

    /// <summary>Which clients held state, so they can reclaim it after a restart.</summary>
    public string RecoveryRoot => Path.Combine(Root, "recovery");

    /// <summary>
    /// Whether a client of an earlier run is on record (a folder per client under v4recov/&lt;node&gt;):
    /// only then does the server need a grace period for it to reclaim its opens and locks.
    /// </summary>
    public bool HasClientRecords()
    {
        var current = Path.Combine(RecoveryRoot, "v4recov");
        return Directory.Exists(current) && Directory.EnumerateDirectories(current).Any(node => Directory.EnumerateFileSystemEntries(node).Any());
    }

    public void EnsureDirectories()
    {
        foreach (var folder in new[] { Root, RecoveryRoot })
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>Sets a log that grew past its limit aside, keeping one older log.</summary>
    public void RotateLog()
    {
        if (File.Exists(LogFile) && new FileInfo(LogFile).Length > LogLimit)
        {
            File.Move(LogFile, LogFile + ".old", overwrite: true);
        }
    }

    /// <summary>How long the log is now: what the server writes after a change is read from here.</summary>
    public long LogLength() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    /// <summary>The log's lines written after <paramref name="offset"/>.</summary>
    public IReadOnlyList<string> LogLinesAfter(long offset)
    {
        if (!File.Exists(LogFile))
        {
            return [];
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
