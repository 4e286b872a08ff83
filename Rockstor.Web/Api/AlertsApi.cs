using Rockstor.Domain.Alerts;
using Rockstor.Domain.Alerts.Reports;

namespace Rockstor.Web.Api;
/// <summary>Alerts about whatever threatens data, where they are sent, and the status report sent at once.</summary>
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
        alerts.MapPost("/report", async (WeeklyReportService reports, CancellationToken ct) =>
        {
            var report = await reports.SendNowAsync(ct);
            return new ReportSentDto(report.Headline, report.From, report.To);
        });
        return app;
    }
}
