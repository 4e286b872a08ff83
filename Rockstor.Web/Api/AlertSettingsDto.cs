using Rockstor.Domain.Alerts;

namespace Rockstor.Web.Api;

/// <summary>The alert settings as shown: the SMTP password is never shown back, only whether one is set.</summary>
public sealed record AlertSettingsDto(
    string? SmtpHost,
    int? SmtpPort,
    string? SmtpSecurity,
    string? SmtpUsername,
    bool SmtpPasswordSet,
    string? EmailFrom,
    string? EmailTo,
    string? WebhookUrl,
    bool AllowLoopbackWebhook,
    int CapacityWarnPercent,
    int CapacityCriticalPercent,
    bool WeeklyReport)
{
    public static AlertSettingsDto From(AlertSettings s) => new(
        s.Email?.Host,
        s.Email?.Port,
        s.Email?.Security.ToString().ToLowerInvariant(),
        s.Email?.Username,
        s.Email?.Password is not null,
        s.Email?.From,
        s.Email is null ? null : string.Join(", ", s.Email.To),
        s.WebhookUrl?.ToString(),
        s.AllowLoopbackWebhook,
        s.CapacityWarnPercent,
        s.CapacityCriticalPercent,
        s.WeeklyReport);
}
