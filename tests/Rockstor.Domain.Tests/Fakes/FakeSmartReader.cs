using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>SMART data as the test sets it per device; a device not set has none. Self-tests started are kept.</summary>
public sealed class FakeSmartReader : ISmartReader
{
    public Dictionary<string, SmartReport> Reports { get; } = new(StringComparer.Ordinal);

    public List<(string Device, SelfTestKind Kind)> Started { get; } = [];

    /// <summary>Devices that are asleep: read only when waking them is allowed.</summary>
    public HashSet<string> Asleep { get; } = new(StringComparer.Ordinal);

    public Task<SmartReport> ReadAsync(string device, CancellationToken ct) =>
        Task.FromResult(Reports.TryGetValue(device, out var report) ? report : SmartReport.None(device, "no SMART in this test"));

    public Task<SmartReport> ReadIfAwakeAsync(string device, CancellationToken ct) =>
        Asleep.Contains(device) ? Task.FromResult(SmartReport.None(device, "asleep")) : ReadAsync(device, ct);

    public Task StartSelfTestAsync(string device, SelfTestKind kind, CancellationToken ct)
    {
        Started.Add((device, kind));
        return Task.CompletedTask;
    }

    /// <summary>A SATA disk's report with the given verdict and counts.</summary>
    public static SmartReport Disk(string device, string serial, bool passed = true, long reallocated = 0, long pending = 0, int? remaining = null) =>
        new(device, true, null, DiskKind.Hdd, "WDC WD40EFRX", serial, passed, new SmartVitals(reallocated, pending, 0, 34, 12000), 0, [], remaining);
}
