namespace Rockstor.Domain.Snapshots.Files;

/// <summary>What a restore meets at its target in the live share.</summary>
public enum LiveEntry
{
    /// <summary>Nothing there; the folder it goes in is there.</summary>
    Missing,

    /// <summary>Something is there (a file, a folder or a link).</summary>
    Present,

    /// <summary>The folder it would go in is not there (any more).</summary>
    NoFolder,
}
