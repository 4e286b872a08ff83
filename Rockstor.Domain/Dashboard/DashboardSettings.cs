namespace Rockstor.Domain.Dashboard;

/// <summary>How often the dashboard samples and how long it keeps what it sampled (typed options in Infrastructure).</summary>
public sealed record DashboardSettings
{
    /// <summary>How often the live feed takes a snapshot while someone watches.</summary>
    public TimeSpan LiveInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the live charts reach back (held in memory only).</summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long pools' and shares' sizes (read from btrfs) are reused between snapshots.</summary>
    public TimeSpan StorageRefresh { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each pool's usage is sampled for the forecast (into memory).</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the samples taken are written to the store as one batch (and at shutdown).</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long samples are kept.</summary>
    public TimeSpan HistoryKept { get; init; } = TimeSpan.FromDays(35);

    /// <summary>How far back the forecast's line is fitted.</summary>
    public TimeSpan ForecastWindow { get; init; } = TimeSpan.FromDays(28);

    /// <summary>The appliance's version, as its assembly says.</summary>
    public string Version { get; init; } = "0.0.0";
}
