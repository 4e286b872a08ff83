namespace Rockstor.Domain.Storage;

/// <summary>Plain file-system steps that storage changes need around btrfs.</summary>
public interface IStorageFiles
{
    bool Exists(string path);

    void CreateDirectory(string path);

    /// <summary>Renames a subvolume (or any directory) within one filesystem.</summary>
    void Move(string from, string to);

    /// <summary>Removes a directory if it is empty; does nothing otherwise.</summary>
    void RemoveEmptyDirectory(string path);

    void DeleteFile(string path);

    /// <summary>The paths of the entries of a folder (empty when it does not exist).</summary>
    IReadOnlyList<string> Entries(string path);

    /// <summary>Removes a folder and everything in it that is not a subvolume.</summary>
    void RemoveTree(string path);

    /// <summary>Removes one entry whatever it is (a file, a link, a folder with what it holds) except a subvolume.</summary>
    void RemoveEntry(string path);

    /// <summary>Gives a folder (not what is in it) this owner, group and mode.</summary>
    void SetOwnership(string path, int uid, int gid, UnixFileMode mode);
}
