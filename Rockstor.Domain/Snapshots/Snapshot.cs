namespace Rockstor.Domain.Snapshots;
/// <summary>A snapshot of a share: a btrfs subvolume under the pool's .snapshots/&lt;share&gt;/ folder.</summary>
public sealed class Snapshot
{
    public required string Share { get; init; }

    public required string Name { get; init; }

    public required string Pool { get; init; }

    public required string Path { get; init; }

    public required bool ReadOnly { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Uuid { get; init; }

    public string? ParentUuid { get; init; }

    /// <summary>btrfs's id of the subvolume in its filesystem (what its quota group is named by); 0 when not yet read.</summary>
    public long SubvolumeId { get; set; }

    public string? ReceivedUuid { get; set; }

    /// <summary>Locked by the admin: nothing deletes it (retention, the API, the screens) until the admin unlocks it with the password.</summary>
    public bool Locked { get; set; }

    /// <summary>The snapshot schedule that took it (and whose retention thins it); null for any other snapshot.</summary>
    public int? ScheduleId { get; init; }

    /// <summary>The store key: unique per share and name.</summary>
    public string Key => KeyOf(Share, Name);

    public static string KeyOf(string share, string name) => $"{share}/{name}";
}
