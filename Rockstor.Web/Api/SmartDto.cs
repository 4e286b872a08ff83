using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Web.Api;

/// <summary>A disk's SMART data as the API shows it (<c>kind</c>: hdd, ssd, nvme or unknown).</summary>
public sealed record SmartDto(
    string Device,
    bool Supported,
    string? Unsupported,
    string Kind,
    string? Model,
    string? Serial,
    bool? Passed,
    SmartVitals Vitals,
    long ErrorLogEntries,
    IReadOnlyList<SelfTestResult> SelfTests,
    int? SelfTestRemainingPercent)
{
    public static SmartDto From(SmartReport r) => new(
        r.Device, r.Supported, r.Unsupported, r.Kind.ToString().ToLowerInvariant(), r.Model, r.Serial, r.Passed, r.Vitals, r.ErrorLogEntries, r.SelfTests, r.SelfTestRemainingPercent);
}
