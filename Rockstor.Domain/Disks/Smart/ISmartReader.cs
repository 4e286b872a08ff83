namespace Rockstor.Domain.Disks.Smart;

/// <summary>smartctl, for one disk: its SMART data, and starting one of its self-tests.</summary>
public interface ISmartReader
{
    Task<SmartReport> ReadAsync(string device, CancellationToken ct);

    /// <summary>As <see cref="ReadAsync"/>, but a disk spun down to save power is left asleep: then it reads as without SMART.</summary>
    Task<SmartReport> ReadIfAwakeAsync(string device, CancellationToken ct);

    Task StartSelfTestAsync(string device, SelfTestKind kind, CancellationToken ct);
}
