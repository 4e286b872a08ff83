namespace Rockstor.Domain.Pools.Import;

/// <summary>
/// A btrfs filesystem on this machine's disks that is none of this appliance's pools: its uuid, its
/// label, how many devices it was made of and which of them are here.
/// </summary>
public sealed record ImportCandidate(string FsUuid, string? Label, int TotalDevices, IReadOnlyList<string> Devices)
{
    /// <summary>Devices the filesystem has that are not on this machine: it can only be imported degraded.</summary>
    public int Missing => Math.Max(0, TotalDevices - Devices.Count);
}
