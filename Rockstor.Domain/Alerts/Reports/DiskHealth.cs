using Rockstor.Domain.Disks;
using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Domain.Alerts.Reports;

/// <summary>A disk with its SMART data, as the status report lists it.</summary>
public sealed record DiskHealth(DiskView Disk, SmartReport Smart)
{
    /// <summary>"passed", "FAILING", "no SMART", "unknown".</summary>
    public string Verdict => Smart switch
    {
        { Supported: false } => "no SMART",
        { Passed: true } => "passed",
        { Passed: false } => "FAILING",
        _ => "unknown",
    };
}
