using System.Globalization;
using System.Text.RegularExpressions;
using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs balance status</c>: "Balance on '…' is running|paused" (", cancel requested" and the
/// like may follow), then "N out of about M chunks balanced (K considered), P% left"; or "No balance found".
/// </summary>
internal static partial class BalanceStatusParser
{
    public static BalanceStatus Parse(string output)
    {
        if (output.Contains("No balance found", StringComparison.Ordinal))
        {
            return BalanceStatus.Idle;
        }

        var state = output.Contains(" is paused", StringComparison.Ordinal) ? BalanceState.Paused
            : output.Contains(" is running", StringComparison.Ordinal) ? BalanceState.Running
            : throw new FormatException("btrfs balance status printed neither a running, a paused nor no balance.");
        var counts = Counts().Match(output);
        return counts.Success
            ? new BalanceStatus(
                state,
                long.Parse(counts.Groups["done"].Value, CultureInfo.InvariantCulture),
                long.Parse(counts.Groups["total"].Value, CultureInfo.InvariantCulture),
                double.Parse(counts.Groups["left"].Value, CultureInfo.InvariantCulture))
            : new BalanceStatus(state, 0, 0, 100);
    }

    [GeneratedRegex(@"(?<done>\d+) out of about (?<total>\d+) chunks balanced \(\d+ considered\),\s+(?<left>[\d.]+)% left")]
    private static partial Regex Counts();
}
