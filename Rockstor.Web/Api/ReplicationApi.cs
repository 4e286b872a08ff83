using Rockstor.Domain.Replication.Promotion;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;


namespace Rockstor.Web.Api;
/// <summary>Send tasks, their trails, incoming replicas and their trails.</summary>
public static class ReplicationApi
{
    public static IEndpointRouteBuilder MapReplicationApi(this IEndpointRouteBuilder app)
    {
        var replication = app.MapGroup("/api/replication").WithTags("Replication");
        var tasks = replication.MapGroup("/tasks");
        tasks.MapGet("/", (ReplicationQueries queries) => queries.Sends().Select(v => ReplicationTaskDto.From(v)));
        tasks.MapGet("/{id:int}", (int id, ReplicationQueries queries) => ReplicationTaskDto.From(queries.Send(id)));
        tasks.MapPost("/", (TaskRequest request, ReplicationTaskService service, ReplicationQueries queries) =>
        {
            var result = service.Create(request);
            return TypedResults.Created($"/api/replication/tasks/{result.Task.Id}", ReplicationTaskDto.From(queries.Send(result.Task.Id), result.Warning));
        });
        tasks.MapPut("/{id:int}", (int id, TaskRequest request, ReplicationTaskService service, ReplicationQueries queries) =>
        {
            var warning = service.Update(id, request).Warning;
            return ReplicationTaskDto.From(queries.Send(id), warning);
        });
        tasks.MapDelete("/{id:int}", async (int id, bool? deleteSnapshots, ReplicationTaskService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(id, deleteSnapshots ?? false, ct);
            return TypedResults.NoContent();
        });
        tasks.MapPost("/{id:int}/run", (int id, ReplicationTaskService service) =>
        {
            service.RunNow(id);
            return TypedResults.Accepted($"/api/replication/tasks/{id}/trail");
        });
        tasks.MapPost("/{id:int}/cancel", (int id, ReplicationTaskService service) =>
        {
            service.Cancel(id);
            return TypedResults.Accepted($"/api/replication/tasks/{id}/trail");
        });
        tasks.MapPost("/{id:int}/reseed", (int id, ReplicationTaskService service) =>
        {
            service.Reseed(id);
            return TypedResults.Accepted($"/api/replication/tasks/{id}/trail");
        });
        tasks.MapGet("/{id:int}/trail", (int id, int? skip, int? take, ReplicationQueries queries) =>
            queries.Trail(TrailSide.Send, id, skip ?? 0, take ?? 100).Select(AttemptDto.From));

        replication.MapGet("/targets/{applianceId}/pools", (string applianceId, ReplicationTaskService service, CancellationToken ct) =>
            service.TargetPoolsAsync(applianceId, ct));

        replication.MapGet("/receives", (ReplicationQueries queries, ReplicaProtection protection) => queries.Receives().Select(v => ReceiveDto.From(v, protection)));
        replication.MapGet("/receives/{id:int}", (int id, ReplicationQueries queries, ReplicaProtection protection) => ReceiveDto.From(queries.Receive(id), protection));
        replication.MapPut("/receives/{id:int}", async (int id, ReceiveSettingsBody body, ReplicationQueries queries, ReplicaProtection protection, CancellationToken ct) =>
        {
            await protection.SetAsync(id, body.Retention, body.FollowSender ?? false, body.ProtectionDays, body.DefaultProtection ?? false, ct);
            return ReceiveDto.From(queries.Receive(id), protection);
        });
        replication.MapGet("/protection", (ReplicaProtection protection) => new ProtectionDefaultsBody(protection.DefaultDays()));
        replication.MapPut("/protection", (ProtectionDefaultsBody body, ReplicaProtection protection) =>
        {
            protection.SetDefaultDays(body.ProtectionDays);
            return new ProtectionDefaultsBody(protection.DefaultDays());
        });
        replication.MapPost("/receives/{id:int}/cancel", (int id, ReplicaReceiver receiver) =>
        {
            receiver.Cancel(id);
            return TypedResults.Accepted($"/api/replication/receives/{id}/trail");
        });
        replication.MapPost("/receives/{id:int}/promote", async (int id, PromoteRequest request, ReplicaPromoter promoter) =>
        {
            var view = await promoter.PromoteAsync(id, request);
            return TypedResults.Created($"/api/shares/{view.Share.Name}", ShareDto.From(view));
        });
        replication.MapGet("/receives/{id:int}/trail", (int id, int? skip, int? take, ReplicationQueries queries) =>
            queries.Trail(TrailSide.Receive, id, skip ?? 0, take ?? 100).Select(AttemptDto.From));
        replication.MapGet("/refusals", (ReplicationQueries queries) =>
            queries.Refusals().Select(r => new RefusalDto(r.At, r.From, r.SenderApplianceId, r.Reason, r.Count, r.FirstAt ?? r.At)));
        return app;
    }
}
