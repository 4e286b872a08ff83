namespace Rockstor.Domain.Disks.Smart;

/// <summary>One entry of a disk's self-test log, newest first: its kind ("Short offline"), how it ended, and when (the disk's power-on hours).</summary>
public sealed record SelfTestResult(string Kind, string Status, bool Passed, long? LifetimeHours);
