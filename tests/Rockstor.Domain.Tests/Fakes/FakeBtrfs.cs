using System.Text;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// btrfs in memory, over one appliance's <see cref="FakeStorageFiles"/>: filesystems mounted at mount
/// points, subvolumes with uuid, parent uuid, received uuid and read-only flag. A send writes a small
/// text stream naming the snapshot (name, uuid), its parent's uuid and its content; a receive reads it
/// back and makes the one subvolume the offer expects, read-only, received as the offered uuid, from the
/// parent held at the expected path; a stream that breaks off leaves a writable, unreceived subvolume
/// behind, as btrfs receive does. Any call can be told to fail or to hang (until cancelled) once.
/// </summary>
public sealed class FakeBtrfs(FakeStorageFiles files, TimeProvider time) : IBtrfs
{
    private const string Magic = "fake-btrfs-stream v1";

    /// <summary>How much of a stream one write or read moves: a few pieces per stream, as a pipe gives.</summary>
    private const int Piece = 16;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, string> _mounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _filesystems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Func<CancellationToken, Task>>> _faults = new(StringComparer.Ordinal);
    private readonly List<string> _calls = [];
    private long _lastId = 256;

    /// <summary>Every call made, by name (<c>nameof(IBtrfs.SendAsync)</c>...), in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>The next call of <paramref name="call"/> throws <paramref name="error"/>.</summary>
    public void Fail(string call, Exception error) => AddFault(call, _ => Task.FromException(error));

    /// <summary>The next call of <paramref name="call"/> waits until it is cancelled.</summary>
    public void Hang(string call) => AddFault(call, Forever.UntilCancelledAsync);

    /// <summary>Mounts the filesystem with the uuid at the mount point (which becomes a folder).</summary>
    public void Mount(string mountPoint, string filesystemUuid)
    {
        files.CreateDirectory(mountPoint);
        lock (_lock)
        {
            _mounts[Path.GetFullPath(mountPoint)] = filesystemUuid;
        }
    }

    public void Unmount(string mountPoint)
    {
        lock (_lock)
        {
            _mounts.Remove(Path.GetFullPath(mountPoint));
        }
    }

    /// <summary>The uuid of the filesystem made on the device, if any.</summary>
    public string? FilesystemOn(string device)
    {
        lock (_lock)
        {
            return _filesystems.GetValueOrDefault(device);
        }
    }

    /// <summary>Changes what a writable subvolume (a share) holds.</summary>
    public void Write(string path, string content)
    {
        var subvolume = Require(path);
        if (subvolume.ReadOnly)
        {
            throw new InvalidOperationException($"{path} is read-only.");
        }

        files.PutSubvolume(path, subvolume with { Content = content });
    }

    /// <summary>What the subvolume at the path holds.</summary>
    public string Content(string path) => Require(path).Content;

    public Task<string> MakeFilesystemAsync(string label, RaidLevel level, IReadOnlyList<string> devices, CancellationToken ct) =>
        Step(nameof(MakeFilesystemAsync), ct, () =>
        {
            var uuid = Guid.NewGuid().ToString();
            lock (_lock)
            {
                foreach (var device in devices)
                {
                    _filesystems[device] = uuid;
                }
            }

            return uuid;
        });

    public Task EnableQuotaAsync(string mountPoint, CancellationToken ct) => Step(nameof(EnableQuotaAsync), ct, () => 0);

    public Task<FilesystemUsage> GetUsageAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(GetUsageAsync), ct, () => new FilesystemUsage(1L << 40, files.SubvolumesUnder(mountPoint).Sum(s => (long)s.Subvolume.Content.Length)));

    public Task AddDevicesAsync(string mountPoint, IReadOnlyList<string> devices, CancellationToken ct) =>
        Step(nameof(AddDevicesAsync), ct, () =>
        {
            lock (_lock)
            {
                var uuid = _mounts[Path.GetFullPath(mountPoint)];
                foreach (var device in devices)
                {
                    _filesystems[device] = uuid;
                }
            }

            return 0;
        });

    public Task<bool> IsMountedAnywhereAsync(string uuid, CancellationToken ct) =>
        Step(nameof(IsMountedAnywhereAsync), ct, () =>
        {
            lock (_lock)
            {
                return _mounts.Values.Contains(uuid, StringComparer.OrdinalIgnoreCase);
            }
        });

    public Task<FilesystemSummary> ShowFilesystemAsync(string uuid, CancellationToken ct) =>
        Step(nameof(ShowFilesystemAsync), ct, () =>
        {
            lock (_lock)
            {
                var found = _filesystems.Where(f => f.Value == uuid).Select(f => f.Key).ToList();
                return new FilesystemSummary(null, found.Count, found);
            }
        });

    public Task ResetDeviceErrorsAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(ResetDeviceErrorsAsync), ct, () =>
        {
            DeviceErrorCounters.Clear();
            return 0;
        });

    /// <summary>The raid profiles every pool reports.</summary>
    public ChunkProfiles Profiles { get; set; } = new(["single"], ["dup"]);

    public Task<ChunkProfiles> GetProfilesAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(GetProfilesAsync), ct, () => Profiles);

    /// <summary>Error counters a test sets per device path, as a failing disk would show them.</summary>
    public Dictionary<string, DeviceErrors> DeviceErrorCounters { get; } = new(StringComparer.Ordinal);

    /// <summary>Devices a test marks missing (their disk was pulled).</summary>
    public HashSet<string> MissingDevices { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<PoolDevice>> ListDevicesAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(ListDevicesAsync), ct, () =>
        {
            lock (_lock)
            {
                var uuid = _mounts.GetValueOrDefault(Path.GetFullPath(mountPoint));
                return (IReadOnlyList<PoolDevice>)_filesystems.Where(f => f.Value == uuid)
                    .Select((f, i) => MissingDevices.Contains(f.Key)
                        ? new PoolDevice(i + 1, null, 0, 0, true, DeviceErrors.None)
                        : new PoolDevice(i + 1, f.Key, 1L << 40, 1L << 30, false, DeviceErrorCounters.GetValueOrDefault(f.Key) ?? DeviceErrors.None))
                    .ToList();
            }
        });

    public Task<string?> GetMountedFilesystemUuidAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(GetMountedFilesystemUuidAsync), ct, () =>
        {
            lock (_lock)
            {
                return _mounts.GetValueOrDefault(Path.GetFullPath(mountPoint));
            }
        });

    public Task<Subvolume> CreateSubvolumeAsync(string path, CancellationToken ct) =>
        Step(nameof(CreateSubvolumeAsync), ct, () => Make(path, new FakeSubvolume(NextId(), NewUuid(), null, null, false, time.GetUtcNow(), "")));

    public Task<Subvolume> CreateSnapshotAsync(string source, string destination, bool readOnly, CancellationToken ct) =>
        Step(nameof(CreateSnapshotAsync), ct, () =>
        {
            var from = Require(source);
            return Make(destination, new FakeSubvolume(NextId(), NewUuid(), from.Uuid, null, readOnly, time.GetUtcNow(), from.Content));
        });

    public Task<Subvolume> CreateReceivedCopyAsync(string source, string destination, CancellationToken ct) =>
        Step(nameof(CreateReceivedCopyAsync), ct, () =>
        {
            var from = Require(source);
            return Make(destination, new FakeSubvolume(NextId(), NewUuid(), from.Uuid, from.Uuid, true, time.GetUtcNow(), from.Content));
        });

    public Task DeleteSubvolumeAsync(string path, CancellationToken ct) => Step(nameof(DeleteSubvolumeAsync), ct, () =>
    {
        files.RemoveSubvolume(path);
        return 0;
    });

    public Task SetReadOnlyAsync(string path, bool readOnly, CancellationToken ct) => Step(nameof(SetReadOnlyAsync), ct, () =>
    {
        files.PutSubvolume(path, Require(path) with { ReadOnly = readOnly });
        return 0;
    });

    public Task<Subvolume> ShowSubvolumeAsync(string path, CancellationToken ct) =>
        Step(nameof(ShowSubvolumeAsync), ct, () => ToSubvolume(path, Require(path)));

    public Task<IReadOnlyList<string>> ReceivedAsAsync(string mountPoint, string receivedUuid, CancellationToken ct) =>
        Step(nameof(ReceivedAsAsync), ct, () => (IReadOnlyList<string>)files.SubvolumesUnder(mountPoint)
            .Where(s => string.Equals(s.Subvolume.ReceivedUuid, receivedUuid, StringComparison.OrdinalIgnoreCase))
            .Select(s => Path.GetRelativePath(mountPoint, s.Path))
            .ToList());

    public Task<IReadOnlyList<Subvolume>> ListSubvolumesAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(ListSubvolumesAsync), ct, () => (IReadOnlyList<Subvolume>)files.SubvolumesUnder(mountPoint).Select(s => ToSubvolume(s.Path, s.Subvolume)).ToList());

    public async Task SendAsync(string snapshot, string? parent, Stream output, CancellationToken ct)
    {
        var stream = await Step(nameof(SendAsync), ct, () => StreamOf(snapshot, parent)).ConfigureAwait(false);
        for (var at = 0; at < stream.Length; at += Piece)
        {
            await output.WriteAsync(stream.AsMemory(at, Math.Min(Piece, stream.Length - at)), ct).ConfigureAwait(false);
        }
    }

    public Task<long> EstimateSendAsync(string snapshot, string? parent, CancellationToken ct) =>
        Step(nameof(EstimateSendAsync), ct, () => (long)StreamOf(snapshot, parent).Length);

    public async Task ReceiveAsync(string directory, Stream input, ExpectedSubvolume expected, CancellationToken ct)
    {
        await Step(nameof(ReceiveAsync), ct, () => 0).ConfigureAwait(false);
        var path = Path.Combine(directory, expected.Name);
        var arrived = new List<byte>();
        var buffer = new byte[Piece];
        try
        {
            int read;
            while ((read = await input.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                arrived.AddRange(buffer.AsSpan(0, read));
            }
        }
        catch when (arrived.Count > 0)
        {
            LeavePartial(path);
            throw;
        }

        var lines = Encoding.UTF8.GetString(arrived.ToArray()).Split('\n');
        if (lines is not [Magic, var subvol, var parentLine, var data, "end", ""]
            || subvol.Split(' ') is not ["subvol", var name, var uuid]
            || parentLine.Split(' ') is not ["parent", var parentUuid]
            || !data.StartsWith("data ", StringComparison.Ordinal))
        {
            if (arrived.Count > 0)
            {
                LeavePartial(path);
            }

            throw new StorageCommandException("btrfs receive failed", "btrfs receive", "ERROR: short or unreadable send stream");
        }

        var offeredParent = parentUuid == "-" ? null : parentUuid;
        if (name != expected.Name || !string.Equals(uuid, expected.Uuid, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(offeredParent, expected.ParentUuid, StringComparison.OrdinalIgnoreCase))
        {
            throw new UnsafeSendStreamException($"The stream makes '{name}' ({uuid}) from {parentUuid}, which its offer does not allow; it was stopped.");
        }

        FakeSubvolume? from = null;
        if (offeredParent is not null)
        {
            from = expected.ParentPath is null ? null : files.SubvolumeAt(expected.ParentPath);
            if (from is null || !string.Equals(from.ReceivedUuid, offeredParent, StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageCommandException("btrfs receive failed", "btrfs receive", $"ERROR: cannot find parent subvolume {offeredParent}");
            }
        }

        if (files.Exists(path))
        {
            throw new StorageCommandException("btrfs receive failed", "btrfs receive", $"ERROR: {path} already exists");
        }

        files.PutSubvolume(path, new FakeSubvolume(NextId(), NewUuid(), from?.Uuid, uuid, true, time.GetUtcNow(), data["data ".Length..]));
    }

    /// <summary>Each subvolume's size limit and compression as last set, by path.</summary>
    public Dictionary<string, (long? Limit, ShareCompression Compression)> Settings { get; } = new(StringComparer.Ordinal);

    public Task SetSizeLimitAsync(string path, long? bytes, CancellationToken ct) => Step(nameof(SetSizeLimitAsync), ct, () =>
    {
        lock (_lock)
        {
            Settings[path] = (bytes, Settings.GetValueOrDefault(path).Compression);
        }

        return 0;
    });

    public Task SetCompressionAsync(string path, ShareCompression compression, CancellationToken ct) => Step(nameof(SetCompressionAsync), ct, () =>
    {
        lock (_lock)
        {
            Settings[path] = (Settings.GetValueOrDefault(path).Limit, compression);
        }

        return 0;
    });

    public Task ReleaseReceiveFolderAsync(string directory, CancellationToken ct) => Step(nameof(ReleaseReceiveFolderAsync), ct, () => 0);

    public Task<IReadOnlyDictionary<long, QgroupSize>> GetQgroupSizesAsync(string mountPoint, CancellationToken ct) =>
        Step(nameof(GetQgroupSizesAsync), ct, () => (IReadOnlyDictionary<long, QgroupSize>)new Dictionary<long, QgroupSize>());

    /// <summary>The send stream of the snapshot (relative to the parent), as <see cref="SendAsync"/> writes it.</summary>
    public byte[] StreamOf(string snapshot, string? parent)
    {
        var sent = Require(snapshot);
        var from = parent is null ? null : Require(parent);
        if (!sent.ReadOnly || from is { ReadOnly: false })
        {
            throw new StorageCommandException("btrfs send failed", "btrfs send", "ERROR: a send needs read-only subvolumes");
        }

        return Encoding.UTF8.GetBytes($"{Magic}\nsubvol {Path.GetFileName(snapshot)} {sent.Uuid}\nparent {from?.Uuid ?? "-"}\ndata {sent.Content}\nend\n");
    }

    private void LeavePartial(string path)
    {
        if (!files.Exists(path))
        {
            files.PutSubvolume(path, new FakeSubvolume(NextId(), NewUuid(), null, null, false, time.GetUtcNow(), ""));
        }
    }

    private Subvolume Make(string path, FakeSubvolume subvolume)
    {
        if (files.Exists(path))
        {
            throw new StorageCommandException("btrfs subvolume failed", "btrfs subvolume", $"ERROR: '{path}' exists");
        }

        files.PutSubvolume(path, subvolume);
        return ToSubvolume(path, subvolume);
    }

    private FakeSubvolume Require(string path) =>
        files.SubvolumeAt(path) ?? throw new StorageCommandException("btrfs failed", "btrfs", $"ERROR: not a subvolume: {path}");

    private Subvolume ToSubvolume(string path, FakeSubvolume s) =>
        new(s.Id, Path.GetRelativePath(MountOf(path), path), s.Uuid, s.ParentUuid, s.ReceivedUuid, s.ReadOnly, s.CreatedAt);

    private string MountOf(string path)
    {
        lock (_lock)
        {
            var full = Path.GetFullPath(path);
            return _mounts.Keys.Where(m => full.StartsWith(m + "/", StringComparison.Ordinal)).MaxBy(m => m.Length)
                ?? throw new StorageCommandException("btrfs failed", "btrfs", $"ERROR: not on a btrfs filesystem: {path}");
        }
    }

    private long NextId() => Interlocked.Increment(ref _lastId);

    private static string NewUuid() => Guid.NewGuid().ToString();

    private void AddFault(string call, Func<CancellationToken, Task> fault)
    {
        lock (_lock)
        {
            if (!_faults.TryGetValue(call, out var queue))
            {
                _faults[call] = queue = new Queue<Func<CancellationToken, Task>>();
            }

            queue.Enqueue(fault);
        }
    }

    /// <summary>Records the call, plays its fault if one is due, and then does the work.</summary>
    private Task<T> Step<T>(string call, CancellationToken ct, Func<T> work)
    {
        Func<CancellationToken, Task>? fault;
        lock (_lock)
        {
            _calls.Add(call);
            fault = _faults.TryGetValue(call, out var queue) && queue.TryDequeue(out var next) ? next : null;
        }

        try
        {
            return fault is null ? Task.FromResult(work()) : ThenAsync(fault(ct), work);
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private static async Task<T> ThenAsync<T>(Task fault, Func<T> work)
    {
        await fault.ConfigureAwait(false);
        return work();
    }
}
