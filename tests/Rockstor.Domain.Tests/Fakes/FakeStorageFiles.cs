using Rockstor.Domain.Common;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// One appliance's file tree in memory: folders, plain files and subvolumes by absolute path. The
/// <see cref="FakeBtrfs"/> of the same appliance keeps its subvolumes here, so what btrfs makes is what
/// the file steps see, and the other way round.
/// </summary>
public sealed class FakeStorageFiles : IStorageFiles
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, FakeSubvolume?> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _plainFiles = new(StringComparer.Ordinal);

    public bool Exists(string path)
    {
        lock (_lock)
        {
            return _entries.ContainsKey(Normal(path));
        }
    }

    public void CreateDirectory(string path)
    {
        lock (_lock)
        {
            for (var at = Normal(path); at != "/" && !_entries.ContainsKey(at); at = Parent(at))
            {
                _entries[at] = null;
            }
        }
    }

    public void Move(string from, string to)
    {
        lock (_lock)
        {
            from = Normal(from);
            to = Normal(to);
            if (!_entries.ContainsKey(from) || _entries.ContainsKey(to) || !_entries.ContainsKey(Parent(to)))
            {
                throw Failed("mv", $"cannot move '{from}' to '{to}'");
            }

            foreach (var path in Under(from, self: true))
            {
                var moved = to + path[from.Length..];
                _entries[moved] = _entries[path];
                _entries.Remove(path);
                if (_plainFiles.Remove(path))
                {
                    _plainFiles.Add(moved);
                }
            }
        }
    }

    public void RemoveEmptyDirectory(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            if (_entries.TryGetValue(path, out var entry) && entry is null && !_plainFiles.Contains(path) && !Under(path, self: false).Any())
            {
                _entries.Remove(path);
            }
        }
    }

    /// <summary>Each folder's owner, group and mode as last set, by path.</summary>
    public Dictionary<string, (int Uid, int Gid, UnixFileMode Mode)> Ownership { get; } = new(StringComparer.Ordinal);

    public void SetOwnership(string path, int uid, int gid, UnixFileMode mode)
    {
        lock (_lock)
        {
            path = Normal(path);
            if (!_entries.ContainsKey(path))
            {
                throw Failed("chown", $"cannot access '{path}'");
            }

            Ownership[path] = (uid, gid, mode);
        }
    }

    public void DeleteFile(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            if (_plainFiles.Remove(path))
            {
                _entries.Remove(path);
            }
        }
    }

    public IReadOnlyList<string> Entries(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            return _entries.Keys.Where(e => Parent(e) == path && e != path).ToList();
        }
    }

    public void RemoveTree(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            var all = Under(path, self: true);
            if (all.Any(p => _entries[p] is not null))
            {
                throw Failed("rm", $"'{path}' holds a subvolume");
            }

            Forget(all);
        }
    }

    public void RemoveEntry(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            if (!_entries.TryGetValue(path, out var entry))
            {
                return;
            }

            if (entry is not null)
            {
                throw Failed("rm", $"'{path}' is a subvolume");
            }

            Forget(Under(path, self: true));
        }
    }

    /// <summary>Puts a plain file (an image file, say) at the path, in a folder that exists.</summary>
    public void AddFile(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            if (_entries.ContainsKey(path) || !_entries.ContainsKey(Parent(path)))
            {
                throw Failed("touch", $"cannot make '{path}'");
            }

            _entries[path] = null;
            _plainFiles.Add(path);
        }
    }

    /// <summary>The subvolume at the path, or null when there is none (nothing, a folder or a file).</summary>
    public FakeSubvolume? SubvolumeAt(string path)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(Normal(path));
        }
    }

    /// <summary>Makes (or, when it is one already, changes) the subvolume at the path; its folder must exist.</summary>
    public void PutSubvolume(string path, FakeSubvolume subvolume)
    {
        lock (_lock)
        {
            path = Normal(path);
            var known = _entries.TryGetValue(path, out var entry);
            if ((known && entry is null) || (!known && !_entries.ContainsKey(Parent(path))))
            {
                throw Failed("btrfs subvolume", $"cannot make a subvolume at '{path}'");
            }

            _entries[path] = subvolume;
        }
    }

    /// <summary>Removes the subvolume at the path, with whatever is in it.</summary>
    public void RemoveSubvolume(string path)
    {
        lock (_lock)
        {
            path = Normal(path);
            if (_entries.GetValueOrDefault(path) is null)
            {
                throw Failed("btrfs subvolume delete", $"'{path}' is not a subvolume");
            }

            Forget(Under(path, self: true));
        }
    }

    /// <summary>Every subvolume under the folder (at any depth), by path.</summary>
    public IReadOnlyList<(string Path, FakeSubvolume Subvolume)> SubvolumesUnder(string folder)
    {
        lock (_lock)
        {
            return Under(Normal(folder), self: false).Where(p => _entries[p] is not null).Select(p => (p, _entries[p]!)).ToList();
        }
    }

    private List<string> Under(string path, bool self) =>
        _entries.Keys.Where(e => (self && e == path) || e.StartsWith(path + "/", StringComparison.Ordinal)).ToList();

    private void Forget(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            _entries.Remove(path);
            _plainFiles.Remove(path);
        }
    }

    private static string Normal(string path) => Path.GetFullPath(path).TrimEnd('/') is { Length: > 0 } trimmed ? trimmed : "/";

    private static string Parent(string path) => Path.GetDirectoryName(path) ?? "/";

    private static StorageCommandException Failed(string command, string error) => new($"{command} failed", command, error);
}
