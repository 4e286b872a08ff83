using Rockstor.Domain.Schedules;

namespace Rockstor.Web.Api;

/// <summary>Snapshot schedules over JSON: each route is one call into <see cref="SnapshotScheduleService"/>.</summary>
public static class SnapshotSchedulesApi
{
    public static IEndpointRouteBuilder MapSnapshotSchedulesApi(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/api/snapshot-schedules").WithTags("Snapshot schedules");
        schedules.MapGet("/", (SnapshotScheduleService service) => service.List().Select(SnapshotScheduleDto.From));
        schedules.MapGet("/{id:int}", (int id, SnapshotScheduleService service) => SnapshotScheduleDto.From(service.Require(id)));
        schedules.MapPost("/", (SnapshotScheduleRequest request, SnapshotScheduleService service) =>
        {
            var created = service.Create(request);
            return TypedResults.Created($"/api/snapshot-schedules/{created.Id}", SnapshotScheduleDto.From(created));
        });
        schedules.MapPut("/{id:int}", (int id, SnapshotScheduleRequest request, SnapshotScheduleService service) =>
            SnapshotScheduleDto.From(service.Update(id, request)));
        schedules.MapDelete("/{id:int}", (int id, SnapshotScheduleService service) =>
        {
            service.Delete(id);
            return TypedResults.NoContent();
        });
        schedules.MapPost("/{id:int}/run", (int id, SnapshotScheduleService service) =>
        {
            service.RunNow(id);
            return TypedResults.Accepted($"/api/snapshots?scheduleId={id}");
        });
        return app;
    }
}
