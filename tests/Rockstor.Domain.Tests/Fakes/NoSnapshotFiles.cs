using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The in-memory appliances keep no files in their snapshots: restoring files is tested on real btrfs (the web tests).</summary>
public sealed class NoSnapshotFiles : ISnapshotFiles
{
    public SnapshotEntry Stat(string root, SnapshotFilePath path) => throw Unsupported();

    public SnapshotFolderPage List(string root, SnapshotFilePath folder, string? search, int skip, int take) => throw Unsupported();

    public Stream OpenRead(string root, SnapshotFilePath file) => throw Unsupported();

    public IEnumerable<(SnapshotFilePath Path, SnapshotEntry Entry)> Walk(string root, SnapshotFilePath folder) => throw Unsupported();

    public LiveEntry Inspect(string shareRoot, SnapshotFilePath path) => throw Unsupported();

    public void Remove(string shareRoot, SnapshotFilePath path) => throw Unsupported();

    public Task CopyAsync(string snapshotRoot, SnapshotFilePath from, string shareRoot, SnapshotFilePath to, IProgress<int>? copied, CancellationToken ct) => throw Unsupported();

    private static NotSupportedException Unsupported() => new("The in-memory appliance keeps no files in its snapshots.");
}
