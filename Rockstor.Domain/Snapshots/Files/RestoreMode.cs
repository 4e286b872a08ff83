namespace Rockstor.Domain.Snapshots.Files;

/// <summary>Where restored files go: beside the current ones under a new name, or in their place (the current ones kept in a snapshot first).</summary>
public enum RestoreMode
{
    Beside,
    Replace,
}
