namespace Rockstor.Domain.Storage;

/// <summary>A btrfs filesystem as <c>btrfs filesystem show</c> names it, mounted or not: its label, how many devices it has, and those found.</summary>
public sealed record FilesystemSummary(string? Label, int TotalDevices, IReadOnlyList<string> Devices);
