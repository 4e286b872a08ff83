namespace Rockstor.Domain.Disks.Smart;

/// <summary>When every disk with SMART runs its self-tests (cron expressions, UTC); null for never.</summary>
public sealed record SelfTestSchedule(string? Short, string? Long)
{
    public static SelfTestSchedule None { get; } = new(null, null);

    public string? Of(SelfTestKind kind) => kind == SelfTestKind.Short ? Short : Long;
}
