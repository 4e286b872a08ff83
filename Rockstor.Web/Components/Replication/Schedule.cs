using System.Globalization;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;

namespace Rockstor.Web.Components.Replication;

/// <summary>How the screens say when a task runs.</summary>
public static class Schedule
{
    public static string Describe(ReplicationTask task) => Frequency(task.FrequencyMinutes, task.Cron) + (task.Window is { } window ? $", {window}" : "");

    /// <summary>How often, in words: "hourly", "every 15 minutes", "cron 0 2 * * *".</summary>
    public static string Frequency(int? minutes, string? cron) => minutes switch
    {
        null => $"cron {cron}",
        1 => "every minute",
        1440 => "daily",
        var m when m % 60 == 0 => m == 60 ? "hourly" : $"every {(m.Value / 60).ToString(CultureInfo.InvariantCulture)} hours",
        var m => $"every {m.Value.ToString(CultureInfo.InvariantCulture)} minutes",
    };

    public static string Rate(long bytesPerSecond) => $"{Domain.Common.Bytes.Format(bytesPerSecond)}/s";

    /// <summary>Time left in words a person reads at a glance: "40 s", "12 min", "3 h 5 min".</summary>
    public static string TimeLeft(long seconds) => seconds switch
    {
        < 60 => $"{seconds} s",
        < 3600 => $"{(seconds + 59) / 60} min",
        _ => $"{seconds / 3600} h {seconds % 3600 / 60} min",
    };

    public static MudBlazor.Color Colour(AttemptStatus status) => status switch
    {
        AttemptStatus.Succeeded => MudBlazor.Color.Success,
        AttemptStatus.Failed => MudBlazor.Color.Error,
        AttemptStatus.Running or AttemptStatus.Pending => MudBlazor.Color.Info,
        AttemptStatus.Cancelled => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    public static string Name(AttemptStatus status) => status.ToString().ToLowerInvariant();
}
