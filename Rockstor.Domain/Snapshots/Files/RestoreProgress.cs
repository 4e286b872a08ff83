namespace Rockstor.Domain.Snapshots.Files;

/// <summary>How far a restore is: entries (files, folders, links) copied of those chosen, and the path being copied.</summary>
public sealed record RestoreProgress(int Done, int Total, string Path)
{
    public double Percent => Total == 0 ? 100 : Math.Min(100, Math.Round(100.0 * Done / Total, 1));
}
