namespace Rockstor.Domain.Updates;

/// <summary>
/// The Updates screen at a glance: the version running (null: not installed from the package), the newer
/// one on offer with its changelog, when the source was last read and what went wrong then, and the
/// updater's progress.
/// </summary>
public sealed record UpdateStatus(
    string? Current,
    string? Available,
    string? Changelog,
    DateTimeOffset? CheckedAt,
    string? CheckError,
    UpdateProgress Progress,
    UpdateSettings Settings);
