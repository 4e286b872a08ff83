using Rockstor.Domain.Common;

namespace Rockstor.Domain.Disks.Smart;

/// <summary>A disk's SMART data and self-tests, for a disk this appliance lists (by its name, "sdb", or its path).</summary>
public sealed class SmartService(DiskService disks, ISmartReader reader)
{
    public async Task<SmartReport> ReadAsync(string name, CancellationToken ct)
    {
        var disk = await disks.RequireAsync(name, ct).ConfigureAwait(false);
        return await reader.ReadAsync(disk.Disk.Path, ct).ConfigureAwait(false);
    }

    /// <summary>Starts a short or a long self-test; its progress and result show in the disk's SMART data.</summary>
    public async Task<SmartReport> StartSelfTestAsync(string name, string? kind, CancellationToken ct)
    {
        var test = kind?.Trim().ToLowerInvariant() switch
        {
            "short" => SelfTestKind.Short,
            "long" => SelfTestKind.Long,
            _ => throw new ValidationException($"A self-test is \"short\" or \"long\", not \"{Echo.Of(kind)}\"."),
        };
        var report = await ReadAsync(name, ct).ConfigureAwait(false);
        if (!report.Supported)
        {
            throw new ConflictException($"{report.Device} has no SMART, so it runs no self-test: {report.Unsupported}");
        }

        if (report.SelfTestRemainingPercent is { } remaining)
        {
            throw new ConflictException($"{report.Device} is running a self-test already ({remaining}% to go): let it finish first.");
        }

        await reader.StartSelfTestAsync(report.Device, test, ct).ConfigureAwait(false);
        return await reader.ReadAsync(report.Device, ct).ConfigureAwait(false);
    }
}
