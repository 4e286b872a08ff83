namespace Rockstor.Domain.Disks.Smart;

/// <summary>
/// The figures a person looks at first; null when the disk does not report one. Sectors are counts;
/// <see cref="WearUsedPercent"/> is how much of an SSD's rated endurance is used (0 new, 100 worn out,
/// more past its rating).
/// </summary>
public sealed record SmartVitals(
    long? ReallocatedSectors = null,
    long? PendingSectors = null,
    long? UncorrectableSectors = null,
    int? TemperatureCelsius = null,
    long? PowerOnHours = null,
    int? WearUsedPercent = null,
    long? MediaErrors = null);
