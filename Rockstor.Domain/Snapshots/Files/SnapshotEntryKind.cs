namespace Rockstor.Domain.Snapshots.Files;

/// <summary>What an entry of a snapshot's folder is. A link is shown as a link and never followed.</summary>
public enum SnapshotEntryKind
{
    File,
    Folder,
    Link,
    Other,
}
