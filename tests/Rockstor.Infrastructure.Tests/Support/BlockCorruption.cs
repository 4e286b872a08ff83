using System.Globalization;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Support;

/// <summary>Bad blocks made on purpose: a file's first block overwritten on its first copy, behind btrfs's back.</summary>
internal static class BlockCorruption
{
    /// <summary>
    /// Overwrites the file's first block on the first copy only: in the loop device's image file, at the
    /// physical offset btrfs-map-logical gives. <paramref name="device"/> is any device of the pool.
    /// </summary>
    public static void CorruptFirstCopy(string file, string device)
    {
        var extent = Sandbox.Run("filefrag", "-v", "-b1", file).Split('\n').Single(l => l.TrimStart().StartsWith("0:", StringComparison.Ordinal));
        var logical = long.Parse(extent.Split(':', StringSplitOptions.TrimEntries)[2].Split("..")[0].Trim(), CultureInfo.InvariantCulture);
        var mirror = Sandbox.Run("btrfs-map-logical", "-l", logical.ToString(CultureInfo.InvariantCulture), device)
            .Split('\n').First(l => l.StartsWith("mirror 1 ", StringComparison.Ordinal)).Split(' ');
        var physical = long.Parse(mirror[5], CultureInfo.InvariantCulture);
        var copyDevice = mirror[7];
        var image = File.ReadAllText($"/sys/block/{Path.GetFileName(copyDevice)}/loop/backing_file").Trim();
        using var stream = new FileStream(image, FileMode.Open, FileAccess.Write);
        stream.Seek(physical, SeekOrigin.Begin);
        stream.Write(Enumerable.Repeat((byte)'X', 4096).ToArray());
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Drops the kernel's cached pages, so the next read of a file goes to the disk.</summary>
    public static void DropCaches() => File.WriteAllText("/proc/sys/vm/drop_caches", "3");
}
