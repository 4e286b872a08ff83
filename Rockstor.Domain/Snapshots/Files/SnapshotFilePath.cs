using Rockstor.Domain.Common;

namespace Rockstor.Domain.Snapshots.Files;

/// <summary>
/// A path inside a snapshot as a web page or a script gives it ("reports/2026/q1.pdf", "/" or empty for
/// the top), checked before it reaches the disk: no "..", no "." games, no NUL, no backslash tricks. It
/// is kept as its names, one per folder, so it can only ever be joined under the snapshot's root.
/// </summary>
public sealed record SnapshotFilePath
{
    public const int MaxLength = 4096;

    private SnapshotFilePath(IReadOnlyList<string> names) => Names = names;

    public static SnapshotFilePath Top { get; } = new([]);

    public IReadOnlyList<string> Names { get; }

    public bool IsTop => Names.Count == 0;

    /// <summary>The last name ("" at the top): what a download is called.</summary>
    public string Name => IsTop ? "" : Names[^1];

    public static SnapshotFilePath Parse(string? path)
    {
        var text = path ?? "";
        if (text.Length > MaxLength)
        {
            throw new ValidationException($"A path in a snapshot is at most {MaxLength} characters long.");
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ValidationException("A path in a snapshot cannot hold a NUL character.");
        }

        var names = text.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (names.Any(n => n is "." or ".."))
        {
            throw new ValidationException($"'{Echo.Of(text)}' climbs out of its folder (\".\" or \"..\"); give the path from the top of the snapshot, such as reports/2026/q1.pdf.");
        }

        return new SnapshotFilePath(names);
    }

    public SnapshotFilePath Child(string name) => new([.. Names, name]);

    /// <summary>This path followed by <paramref name="inner"/> (a path found below this folder).</summary>
    public SnapshotFilePath Below(SnapshotFilePath inner) => new([.. Names, .. inner.Names]);

    public override string ToString() => "/" + string.Join('/', Names);

    public bool Equals(SnapshotFilePath? other) => other is not null && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
