using System.Globalization;
using Rockstor.Domain.Updates;

namespace Rockstor.Infrastructure.Updates;

/// <summary>
/// The updater's progress file (&lt;data&gt;/updates/state), "key=value" lines written whole by
/// rockstor-update: state, step, from, to, at (Unix seconds), message.
/// </summary>
public static class UpdateProgressFile
{
    public static UpdateProgress Parse(string text)
    {
        var values = text.Split('\n')
            .Select(line => line.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1].TrimEnd('\r'), StringComparer.Ordinal);
        string Value(string key) => values.TryGetValue(key, out var value) ? value : "";

        var state = Value("state") switch
        {
            "running" => UpdateState.Running,
            "succeeded" => UpdateState.Succeeded,
            "rolledBack" => UpdateState.RolledBack,
            "failed" => UpdateState.Failed,
            _ => UpdateState.Idle,
        };
        var at = long.TryParse(Value("at"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MinValue;
        return state == UpdateState.Idle ? UpdateProgress.Idle : new UpdateProgress(state, Value("step"), Value("from"), Value("to"), at, Value("message"));
    }

    public static string Format(UpdateProgress progress) => string.Create(
        CultureInfo.InvariantCulture,
        $"state={(progress.State == UpdateState.RolledBack ? "rolledBack" : progress.State.ToString().ToLowerInvariant())}\nstep={progress.Step}\nfrom={progress.From}\nto={progress.To}\nat={progress.At.ToUnixTimeSeconds()}\nmessage={progress.Message}\n");
}
