namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// What <c>blkid -p -o export</c> found on a device itself (udev's view, lsblk's FSTYPE, may not know):
/// a filesystem's type and uuid, or a partition table's type. <see cref="Probed"/> is false when blkid
/// could not read the device at all.
/// </summary>
internal sealed record BlkidProbe(bool Probed, string? Type, string? Uuid, string? PartitionTable)
{
    public static readonly BlkidProbe Unreadable = new(false, null, null, null);

    public bool FoundAnything => Type is not null || PartitionTable is not null;

    /// <summary>blkid's exit code and output: 0 with KEY=value lines, 2 when it found nothing.</summary>
    public static BlkidProbe Parse(int exitCode, string output)
    {
        if (exitCode == 2)
        {
            return new BlkidProbe(true, null, null, null);
        }

        if (exitCode != 0)
        {
            return Unreadable;
        }

        var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
        return new BlkidProbe(true, values.GetValueOrDefault("TYPE"), values.GetValueOrDefault("UUID"), values.GetValueOrDefault("PTTYPE"));
    }
}
