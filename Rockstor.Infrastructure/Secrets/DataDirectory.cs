using System.Runtime.InteropServices;
using Rockstor.Infrastructure.Storage;

namespace Rockstor.Infrastructure.Secrets;

/// <summary>
/// The data directory holds the store (the admin's password hash, peer credentials, the SMTP password),
/// the TLS key, the data-protection keys, the job store and pool image files: only its owner (root) may
/// read it. At every start, whatever existed before (a directory made 0755 by hand, files copied in with
/// 0644), it is made 0700 and everything in it 0700 (folders) or 0600 (files); and the process's umask
/// becomes 077, so every file the appliance or its libraries create afterwards is 0600 from the start.
/// </summary>
public static partial class DataDirectory
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Group and others lose every permission on what is created from now on.</summary>
    private const uint OwnerOnlyMask = 0b000_111_111; // 077

    /// <summary>Sets the umask, makes the directory if needed, and closes it and everything in it to all but its owner.</summary>
    public static void Secure(string path, MountTable mounts)
    {
        _ = SetUmask(OwnerOnlyMask);
        var root = Directory.CreateDirectory(path);

        // A file system mounted inside (a pool, if the mount root was put in here) is not the
        // appliance's own data: its files keep their modes.
        var mounted = mounts.MountPointsUnder(root.FullName).ToHashSet(StringComparer.Ordinal);
        mounted.Remove(Path.TrimEndingDirectorySeparator(root.FullName));
        Restrict(root, mounted);
    }

    private static void Restrict(DirectoryInfo folder, HashSet<string> mounted)
    {
        folder.UnixFileMode = FolderMode;
        foreach (var entry in folder.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null || mounted.Contains(entry.FullName))
            {
                continue; // a link's mode is not its target's, and its target is not necessarily ours
            }

            if (entry is DirectoryInfo inner)
            {
                Restrict(inner, mounted);
            }
            else
            {
                entry.UnixFileMode = FileMode;
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
