namespace Rockstor.Infrastructure.Samba;

/// <summary>
/// Where this appliance's Samba keeps its configuration and state: all under the appliance's data
/// directory, so several appliances on one machine never share a password database, a lock or a pid file,
/// and the machine's own /etc/samba is never touched.
/// </summary>
public sealed class SambaLayout(string dataDirectory)
{
    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "samba");

    public string ConfigFile => Path.Combine(Root, "smb.conf");

    public string PrivateDirectory => Path.Combine(Root, "private");

    public string PasswordDatabase => Path.Combine(PrivateDirectory, "passdb.tdb");

    public string StateDirectory => Path.Combine(Root, "state");

    public string CacheDirectory => Path.Combine(Root, "cache");

    public string LockDirectory => Path.Combine(Root, "lock");

    public string PidDirectory => Path.Combine(Root, "run");

    public string NcalrpcDirectory => Path.Combine(Root, "run", "ncalrpc");

    public string LogFile => Path.Combine(Root, "log", "smbd.log");

    /// <summary>The folders Samba expects to exist, private to root but for the one Samba wants open.</summary>
    public void EnsureDirectories()
    {
        foreach (var folder in new[] { Root, PrivateDirectory, StateDirectory, CacheDirectory, LockDirectory, PidDirectory, Path.GetDirectoryName(LogFile)! })
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // samba-dcerpcd refuses a socket folder others cannot read (each start sets it again: the data
        // directory is closed to 0700 at every start); its parents stay closed, so no one else reaches it.
        Directory.CreateDirectory(NcalrpcDirectory).UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    }

    /// <summary>
    /// The [global] lines that keep Samba's files in this layout; every configuration the appliance writes
    /// starts with them, and the password tools read them too.
    /// </summary>
    public IReadOnlyList<string> GlobalLines() =>
    [
        "server role = standalone server",
        $"passdb backend = tdbsam:{PasswordDatabase}",
        $"private dir = {PrivateDirectory}",
        $"state directory = {StateDirectory}",
        $"cache directory = {CacheDirectory}",
        $"lock directory = {LockDirectory}",
        $"pid directory = {PidDirectory}",
        $"ncalrpc dir = {NcalrpcDirectory}",
        $"log file = {LogFile}",
        "max log size = 1000",
    ];

    /// <summary>Writes a configuration of only the globals when there is none yet (before Samba was ever turned on).</summary>
    public void EnsureConfigFile()
    {
        EnsureDirectories();
        if (!File.Exists(ConfigFile))
        {
            File.WriteAllLines(ConfigFile, ["[global]", .. GlobalLines().Select(l => "  " + l)]);
        }
    }
}
