namespace Rockstor.Web.Api;

/// <summary>POST …/restore: the files and folders of the snapshot to put back, and how ("beside", the default, or "replace").</summary>
public sealed record RestoreFilesBody(IReadOnlyList<string>? Paths, string? Mode);
