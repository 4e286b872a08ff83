using Rockstor.Domain.Common;

namespace Rockstor.Domain.Shares;

/// <summary>The rules for a share's permissions, size limit and compression as the API writes them.</summary>
public static class ShareAccess
{
    public const string Root = "root";

    /// <summary>What a new subvolume's folder has.</summary>
    public const string DefaultMode = "0755";

    /// <summary>The largest limit accepted, in GiB (1 PiB): anything above is a typo.</summary>
    public const double MaxSizeLimitGiB = 1024 * 1024;

    /// <summary>
    /// Four octal digits: the usual rwx for owner, group and others, plus setgid (2000, files made in the
    /// share take its group) and sticky (1000, only owners delete). Set-user-id means nothing on a folder
    /// and is refused.
    /// </summary>
    public static string Mode(string mode)
    {
        var digits = mode.Trim();
        var ok = digits.Length is 3 or 4 && digits.All(c => c is >= '0' and <= '7')
            && (digits.Length == 3 || digits[0] is '0' or '1' or '2' or '3');
        return ok
            ? digits.PadLeft(4, '0')
            : throw new ValidationException(
                $"'{Echo.Of(mode)}' is not a folder mode. Give octal permissions such as 0750 (owner rwx, group r-x, others none), optionally with 2000 (setgid) or 1000 (sticky).");
    }

    public static UnixFileMode ToFileMode(string mode) => (UnixFileMode)Convert.ToInt32(mode, 8);

    public static long SizeLimitBytes(double gib)
    {
        if (double.IsNaN(gib) || gib < 0 || gib > MaxSizeLimitGiB)
        {
            throw new ValidationException($"The size limit must be between 0 (no limit) and {MaxSizeLimitGiB:0} GiB.");
        }

        var bytes = (long)Math.Round(gib * (1L << 30));
        return gib > 0 && bytes < 1L << 20
            ? throw new ValidationException("A size limit under 1 MiB leaves no room for the share's own metadata; give at least 0.001 GiB, or 0 for no limit.")
            : bytes;
    }

    public static ShareCompression Compression(string value) => value.Trim().ToLowerInvariant() switch
    {
        "off" or "" => ShareCompression.Off,
        "zstd" => ShareCompression.Zstd,
        "lzo" => ShareCompression.Lzo,
        _ => throw new ValidationException($"'{Echo.Of(value)}' is not a compression. Choose off, zstd or lzo."),
    };
}
