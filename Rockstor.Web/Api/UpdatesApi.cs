using Rockstor.Domain.Updates;

namespace Rockstor.Web.Api;

/// <summary>Updates of the appliance from its package source (ADR-038).</summary>
public static class UpdatesApi
{
    public static IEndpointRouteBuilder MapUpdatesApi(this IEndpointRouteBuilder app)
    {
        var updates = app.MapGroup("/api/updates").WithTags("Updates");
        updates.MapGet("/", async (UpdateService service, CancellationToken ct) => UpdateStatusDto.Of(await service.StatusAsync(ct)));
        updates.MapPost("/check", async (UpdateService service, CancellationToken ct) => UpdateStatusDto.Of(await service.CheckAsync(ct)));

        // Accepted: the updater runs on; GET /api/updates follows it (the appliance restarts on the way).
        updates.MapPost("/install", async (UpdateService service, CancellationToken ct) =>
            TypedResults.Accepted("/api/updates", UpdateStatusDto.Of(await service.InstallAsync(ct))));
        updates.MapPut("/settings", (UpdateSettingsRequest body, UpdateService service) => UpdateSettingsDto.From(service.SaveSettings(body)));
        return app;
    }
}
