namespace Rockstor.Domain.Disks.Smart;

/// <summary>What a disk is, as SMART tells it: spinning, solid state on SATA/SAS, or NVMe.</summary>
public enum DiskKind
{
    Unknown,
    Hdd,
    Ssd,
    Nvme,
}
