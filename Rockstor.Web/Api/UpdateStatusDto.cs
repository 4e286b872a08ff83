using Rockstor.Domain.Updates;

namespace Rockstor.Web.Api;

/// <summary>
/// GET /api/updates: the version running (null: not installed from the package), the newer one on offer
/// and its changelog, the updater's state (idle, running, succeeded, rolledBack, failed) with its step,
/// message and versions (fromVersion, toVersion), when the source was last read, and the settings.
/// </summary>
public sealed record UpdateStatusDto(
    string? Current,
    string? Available,
    string? Changelog,
    string State,
    string? Step,
    string? Message,
    string? FromVersion,
    string? ToVersion,
    DateTimeOffset? At,
    DateTimeOffset? CheckedAt,
    string? CheckError,
    UpdateSettingsDto Settings)
{
    public static UpdateStatusDto Of(UpdateStatus status)
    {
        var progress = status.Progress;
        var idle = progress.State == UpdateState.Idle;
        return new(
            status.Current,
            status.Available,
            status.Changelog,
            System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(progress.State.ToString()),
            idle ? null : progress.Step,
            idle ? null : progress.Message,
            idle ? null : progress.From,
            idle ? null : progress.To,
            idle ? null : progress.At,
            status.CheckedAt,
            status.CheckError,
            UpdateSettingsDto.From(status.Settings));
    }
}
