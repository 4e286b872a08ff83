namespace Rockstor.Infrastructure.Sftp;

/// <summary>
/// Where this appliance's SSH server for SFTP keeps its configuration, host key, users' keys and the
/// folders users are locked into: all under the appliance's data directory, so several appliances on one
/// machine never share them and the machine's own /etc/ssh is never touched.
/// </summary>
public sealed class SftpLayout(string dataDirectory)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode Open = Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "sftp");

    public string ConfigFile => Path.Combine(Root, "sshd_config");

    public string HostKey => Path.Combine(Root, "ssh_host_ed25519_key");

    public string PidFile => Path.Combine(Root, "sshd.pid");

    public string LogFile => Path.Combine(Root, "sshd.log");

    /// <summary>One file a user, named after the user, holding the user's public key line (empty for none).</summary>
    public string KeysDirectory => Path.Combine(Root, "keys");

    /// <summary>Holds one folder a user, the root the user is locked into.</summary>
    public string ChrootRoot => Path.Combine(Root, "chroot");

    public string KeyFile(string user) => Path.Combine(KeysDirectory, user);

    public string ChrootOf(string user) => Path.Combine(ChrootRoot, user);

    /// <summary>Where the share shows in the user's locked view (its folder at the view's top).</summary>
    public string ShareFolder(string user, string share) => Path.Combine(ChrootOf(user), share);

    /// <summary>The folders, private to root; a user's own root is opened by <see cref="EnsureUserRoot"/>.</summary>
    public void EnsureDirectories()
    {
        foreach (var folder in new[] { Root, KeysDirectory, ChrootRoot })
        {
            Directory.CreateDirectory(folder).UnixFileMode = Private;
        }
    }

    /// <summary>The user's locked root: root's, readable by all (sshd refuses one that others may write), so the user lists the shares in it.</summary>
    public string EnsureUserRoot(string user)
    {
        var folder = ChrootOf(user);
        Directory.CreateDirectory(folder).UnixFileMode = Open;
        return folder;
    }
}
