using System.Globalization;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Pools;

/// <summary>
/// How a pool is mounted beyond what the appliance always sets (nodev, nosuid): compression of what is
/// written from now on, and options from a short list that is safe to change on a running pool.
/// </summary>
public sealed record PoolMountOptions(string? Compression, IReadOnlyList<string> Options)
{
    public static readonly PoolMountOptions Default = new(null, []);

    /// <summary>
    /// Each option the admin may set, and what undoes it on a remount. space_cache=v2 (the free space
    /// tree, what mkfs.btrfs makes since 5.15) has nothing to undo: btrfs keeps the tree once it has it.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string?> Undo = new Dictionary<string, string?>(StringComparer.Ordinal)
    {
        ["noatime"] = "relatime",
        ["autodefrag"] = "noautodefrag",
        ["discard=async"] = "nodiscard",
        ["flushoncommit"] = "noflushoncommit",
        ["space_cache=v2"] = null,
    };

    public const string AllowedOptions = "noatime, autodefrag, discard=async, flushoncommit, space_cache=v2, commit=<5 to 300 seconds>";

    /// <summary>Reads "off", "zstd", "zstd:1" to "zstd:15" or "lzo", and options from the safe list; refuses anything else with a sentence.</summary>
    public static PoolMountOptions Parse(string? compression, IReadOnlyList<string>? options)
    {
        var compress = compression?.Trim().ToLowerInvariant() switch
        {
            null or "" or "off" => null,
            "zstd" or "lzo" => compression.Trim().ToLowerInvariant(),
            var z when z.StartsWith("zstd:", StringComparison.Ordinal)
                && int.TryParse(z.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 15 => z,
            _ => throw new ValidationException($"Compression is \"off\", \"zstd\", \"zstd:1\" to \"zstd:15\", or \"lzo\", not \"{Echo.Of(compression)}\"."),
        };
        var chosen = new List<string>();
        foreach (var raw in options ?? [])
        {
            var option = raw?.Trim() ?? "";
            var known = Undo.ContainsKey(option)
                || (option.StartsWith("commit=", StringComparison.Ordinal)
                    && int.TryParse(option.AsSpan(7), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 5 and <= 300);
            if (!known)
            {
                throw new ValidationException($"'{Echo.Of(option)}' is not a mount option the appliance sets; choose from: {AllowedOptions}.");
            }

            if (!chosen.Contains(option, StringComparer.Ordinal))
            {
                chosen.Add(option);
            }
        }

        if (chosen.Count(o => o.StartsWith("commit=", StringComparison.Ordinal)) > 1)
        {
            throw new ValidationException("Give one commit interval.");
        }

        return new PoolMountOptions(compress, chosen);
    }

    /// <summary>What `mount -o` takes at a first mount.</summary>
    public IReadOnlyList<string> ForMount() => [.. Compression is { } c ? [$"compress={c}"] : Array.Empty<string>(), .. Options];

    /// <summary>What `mount -o remount` takes to go from <paramref name="before"/> to these: what is dropped is undone.</summary>
    public IReadOnlyList<string> ForRemount(PoolMountOptions before)
    {
        var undone = before.Options.Where(o => !Options.Contains(o, StringComparer.Ordinal))
            .Select(o => o.StartsWith("commit=", StringComparison.Ordinal) ? (Options.Any(n => n.StartsWith("commit=", StringComparison.Ordinal)) ? null : "commit=30") : Undo[o])
            .OfType<string>();
        return [$"compress={Compression ?? "no"}", .. Options, .. undone];
    }
}
