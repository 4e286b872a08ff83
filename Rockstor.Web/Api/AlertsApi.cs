using Rockstor.Domain.Alerts;

namespace Rockstor.Web.Api;

public sealed record AlertDto(
    long Id,
    string Kind,
    int TaskId,
    string Subject,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    bool Open,
    DateTimeOffset? NotifiedAt,
    string? NotifyError)
{
    public static AlertDto From(Alert a) => new(
        a.Id,
        a.Kind == AlertKind.RunFailed ? "runFailed" : "stale",
        a.TaskId,
        a.Subject,
        a.Message,
        a.RaisedAt,
        a.ResolvedAt,
        a.Open,
        a.NotifiedAt,
        a.NotifyError);
}

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
    bool AllowLoopbackWebhook)
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
        s.AllowLoopbackWebhook);
}

/// <summary>Alerts about replication, and where they are sent.</summary>
public static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts");
        alerts.MapGet("/", (bool? open, int? take, AlertService service) => service.List(open ?? false, take ?? 200).Select(AlertDto.From));
        alerts.MapGet("/settings", (AlertService service) => AlertSettingsDto.From(service.Settings()));
        alerts.MapPut("/settings", async (AlertSettingsRequest request, AlertService service, CancellationToken ct) =>
            AlertSettingsDto.From(await service.SaveSettingsAsync(request, ct)));
        alerts.MapPost("/settings/test", (AlertService service, CancellationToken ct) => service.TestAsync(ct));
        return app;
    }
}
