namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// The appliance runs with umask 077 (its data directory is private), which would make every folder it
/// creates 0700. Folders for storage (a pool's mount point, a share, the snapshot folders) are as open as
/// the folder they are made in, at most 0755: under /mnt2 they stay readable as before; under the data
/// directory they stay private.
/// </summary>
public static class FolderModes
{
    private const UnixFileMode OwnerAll = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode ReadAndEnter =
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Makes the folder and any missing folders above it, each as open as its parent (at most 0755).</summary>
    public static void CreateLikeParent(string path)
    {
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }

        foreach (var folder in missing)
        {
            Directory.CreateDirectory(folder);
            LikeParent(folder);
        }
    }

    /// <summary>Gives an existing folder (a subvolume just made) the mode of its parent, at most 0755.</summary>
    public static void LikeParent(string path)
    {
        var parent = File.GetUnixFileMode(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)))!);
        File.SetUnixFileMode(path, OwnerAll | (parent & ReadAndEnter));
    }
}
