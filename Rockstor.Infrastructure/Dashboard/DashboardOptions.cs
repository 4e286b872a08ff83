using System.ComponentModel.DataAnnotations;

namespace Rockstor.Infrastructure.Dashboard;

/// <summary>
/// The configuration section "Rockstor:Dashboard" (environment variables Rockstor__Dashboard__SampleInterval
/// and so on): how often the dashboard samples and writes. Times are "hh:mm:ss".
/// </summary>
public sealed class DashboardOptions
{
    public const string Section = "Rockstor:Dashboard";

    /// <summary>A live snapshot every this long, only while someone watches.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan LiveInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long pools' and shares' sizes read from btrfs are reused by the live feed.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StorageRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Each pool's usage is sampled (into memory) every this long, for the forecast.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan SampleInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The samples are written to the store as one batch every this long, and at shutdown.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "7.00:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long samples are kept.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "366.00:00:00")]
    public TimeSpan HistoryKept { get; set; } = TimeSpan.FromDays(35);
}
