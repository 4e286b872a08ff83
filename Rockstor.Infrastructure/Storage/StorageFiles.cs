using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>Plain file steps; an I/O failure reaches the user as a storage error with the system's message.</summary>
public sealed class StorageFiles : IStorageFiles
{
    public bool Exists(string path) => Directory.Exists(path) || File.Exists(path);

    public void CreateDirectory(string path) => Guard($"Could not create the folder {path}", () => FolderModes.CreateLikeParent(path));

    public void Move(string from, string to) => Guard($"Could not move {from} to {to}", () => Directory.Move(from, to));

    public void RemoveEmptyDirectory(string path) => Guard($"Could not remove the folder {path}", () =>
    {
        if (Directory.Exists(path) && !Directory.EnumerateFileSystemEntries(path).Any())
        {
            Directory.Delete(path);
        }
    });

    public void DeleteFile(string path) => Guard($"Could not delete {path}", () => File.Delete(path));

    public IReadOnlyList<string> Entries(string path) =>
        Directory.Exists(path) ? Directory.EnumerateFileSystemEntries(path).ToList() : [];

    public void RemoveTree(string path) => Guard($"Could not remove {path}", () =>
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    });

    public void RemoveEntry(string path) => Guard($"Could not remove {path}", () =>
    {
        // A link is removed itself, never what it leads to.
        if (new FileInfo(path).LinkTarget is null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else
        {
            File.Delete(path);
        }
    });

    public void SetOwnership(string path, int uid, int gid, UnixFileMode mode) => Guard($"Could not set the owner and permissions of {path}", () =>
    {
        if (new DirectoryInfo(path) is not { Exists: true, LinkTarget: null })
        {
            throw new IOException($"{path} is not a folder.");
        }

        FolderOwnership.Set(path, uid, gid);
        File.SetUnixFileMode(path, mode); // after chown, which clears set-group-id
    });

    private static void Guard(string failure, Action step)
    {
        try
        {
            step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageCommandException(failure, "(file system)", e.Message, e);
        }
    }
}
