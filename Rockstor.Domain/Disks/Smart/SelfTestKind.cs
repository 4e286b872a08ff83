namespace Rockstor.Domain.Disks.Smart;

/// <summary>A self-test a disk runs on itself: short (minutes) or long (a read of the whole surface, hours).</summary>
public enum SelfTestKind
{
    Short,
    Long,
}
