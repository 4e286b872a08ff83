using System.Globalization;
using System.Text.RegularExpressions;
using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Parses <c>btrfs replace status -1</c>: "Never started"; "P% done, W write errs, R uncorr. read errs"
/// while it runs; "Started on …, finished on …, …" or "…, canceled on … at P%, …" once it ended.
/// </summary>
internal static partial class ReplaceStatusParser
{
    public static ReplaceStatus Parse(string output)
    {
        var text = output.Trim();
        if (text.StartsWith("Never started", StringComparison.Ordinal))
        {
            return new ReplaceStatus(ReplaceState.NeverStarted, 0, 0, 0);
        }

        var errors = Errors().Match(text);
        if (!errors.Success)
        {
            throw new FormatException($"btrfs replace status printed something unknown: '{text}'.");
        }

        var write = long.Parse(errors.Groups["write"].Value, CultureInfo.InvariantCulture);
        var read = long.Parse(errors.Groups["read"].Value, CultureInfo.InvariantCulture);
        var percent = Percent().Match(text) is { Success: true } p ? double.Parse(p.Groups["percent"].Value, CultureInfo.InvariantCulture) : 0;
        var state = text.Contains("finished on", StringComparison.Ordinal) ? ReplaceState.Finished
            : text.Contains("canceled on", StringComparison.Ordinal) || text.Contains("cancelled on", StringComparison.Ordinal) ? ReplaceState.Cancelled
            : ReplaceState.Running;
        var started = StartedOn().Match(text) is { Success: true } s ? s.Groups["started"].Value.Trim() : null;
        return new ReplaceStatus(state, state == ReplaceState.Finished ? 100 : percent, write, read, started);
    }

    [GeneratedRegex(@"(?<write>\d+) write errs, (?<read>\d+) uncorr\. read errs")]
    private static partial Regex Errors();

    [GeneratedRegex(@"Started on (?<started>[^,]+),")]
    private static partial Regex StartedOn();

    [GeneratedRegex(@"(?<percent>[\d.]+)% done|at (?<percent>[\d.]+)%")]
    private static partial Regex Percent();
}
