namespace Rockstor.Domain.Disks.Smart;

/// <summary>
/// A disk's SMART data as smartctl read it. <see cref="Supported"/> false for a disk that has none (a
/// virtual disk, a loop device), with <see cref="Unsupported"/> saying so; then nothing else is known.
/// <see cref="Passed"/> is the disk's own overall verdict; <see cref="SelfTestRemainingPercent"/> is set
/// while a self-test runs.
/// </summary>
public sealed record SmartReport(
    string Device,
    bool Supported,
    string? Unsupported,
    DiskKind Kind,
    string? Model,
    string? Serial,
    bool? Passed,
    SmartVitals Vitals,
    long ErrorLogEntries,
    IReadOnlyList<SelfTestResult> SelfTests,
    int? SelfTestRemainingPercent)
{
    /// <summary>A disk without SMART data, and why.</summary>
    public static SmartReport None(string device, string why) =>
        new(device, false, why, DiskKind.Unknown, null, null, null, new SmartVitals(), 0, [], null);
}
