using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;


namespace Rockstor.Web.Api;

public sealed record AttemptDto(
    long Id,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Snapshot,
    string? Parent,
    long Bytes,
    long BytesPerSecond,
    string? Error,
    int Retries,
    long StreamBytes,
    double? CompressionRatio,
    long ExpectedBytes,
    double? Percent,
    long? EtaSeconds,
    long ResumedFrom,
    string? Note)
{
    public static AttemptDto From(Attempt a) => new(
        a.Id,
        a.Status.ToString().ToLowerInvariant(),
        a.StartedAt,
        a.EndedAt,
        a.Snapshot,
        a.Parent,
        a.Bytes,
        a.BytesPerSecond,
        a.Error,
        a.Retries,
        a.StreamBytes,
        Ratio(a),
        a.ExpectedBytes,
        a.Percent,
        a.Status == AttemptStatus.Running ? a.EtaSeconds : null,
        a.ResumedFrom,
        a.Note);

    /// <summary>Link bytes over stream bytes (below 1 when compression paid off); null before anything moved.</summary>
    private static double? Ratio(Attempt a) => a.StreamBytes > 0 ? Math.Round((double)a.Bytes / a.StreamBytes, 3) : null;
}

public sealed record ReplicationTaskDto(
    int Id,
    string Share,
    string TargetApplianceId,
    string TargetHostname,
    string TargetPool,
    int? FrequencyMinutes,
    string? Cron,
    int Port,
    int Keep,
    bool Enabled,
    double? BandwidthLimitMBps,
    string Compression,
    bool Resumable,
    bool Diverged,
    bool ReseedRequested,
    string? WindowStart,
    string? WindowEnd,
    string State,
    AttemptDto? LastAttempt,
    DateTimeOffset? LastBackupAt,
    string? Warning = null)
{
    public static ReplicationTaskDto From(SendTaskView view, string? warning = null) => new(
        view.Task.Id,
        view.Task.Share,
        view.Task.TargetApplianceId,
        view.TargetHostname,
        view.Task.TargetPool,
        view.Task.FrequencyMinutes,
        view.Task.Cron,
        view.Task.Port,
        view.Task.Keep,
        view.Task.Enabled,
        view.Task.BandwidthLimitMBps,
        view.Task.Compression.ToString().ToLowerInvariant(),
        view.Task.Resumable,
        view.Task.Diverged,
        view.Task.ReseedRequested,
        view.Task.Window?.Start.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        view.Task.Window?.End.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        view.Latest?.Status.ToString().ToLowerInvariant() ?? "never run",
        view.Latest is null ? null : AttemptDto.From(view.Latest),
        view.LastBackup?.EndedAt,
        warning);
}

public sealed record ReceiveDto(
    int Id,
    string SenderApplianceId,
    string SenderHostname,
    string SourceShare,
    string ReplicaShare,
    string Pool,
    DateTimeOffset? LastReceiveAt,
    AttemptDto? LastAttempt)
{
    public static ReceiveDto From(ReceiveView view) => new(
        view.Replica.Id,
        view.Replica.SenderApplianceId,
        view.SenderHostname,
        view.Replica.SourceShare,
        view.Replica.ReplicaShare,
        view.Replica.Pool,
        view.Replica.LastReceiveAt,
        view.Latest is null ? null : AttemptDto.From(view.Latest));
}

/// <summary>A refusal; the same one repeated is one row: <c>count</c> times from <c>firstAt</c> to <c>at</c>.</summary>
public sealed record RefusalDto(DateTimeOffset At, string From, string? SenderApplianceId, string Reason, int Count, DateTimeOffset FirstAt);

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
        tasks.MapPost("/{id:int}/reseed", (int id, ReplicationTaskService service) =>
        {
            service.Reseed(id);
            return TypedResults.Accepted($"/api/replication/tasks/{id}/trail");
        });
        tasks.MapGet("/{id:int}/trail", (int id, int? skip, int? take, ReplicationQueries queries) =>
            queries.Trail(TrailSide.Send, id, skip ?? 0, take ?? 100).Select(AttemptDto.From));

        replication.MapGet("/targets/{applianceId}/pools", (string applianceId, ReplicationTaskService service, CancellationToken ct) =>
            service.TargetPoolsAsync(applianceId, ct));

        replication.MapGet("/receives", (ReplicationQueries queries) => queries.Receives().Select(ReceiveDto.From));
        replication.MapGet("/receives/{id:int}", (int id, ReplicationQueries queries) => ReceiveDto.From(queries.Receive(id)));
        replication.MapGet("/receives/{id:int}/trail", (int id, int? skip, int? take, ReplicationQueries queries) =>
            queries.Trail(TrailSide.Receive, id, skip ?? 0, take ?? 100).Select(AttemptDto.From));
        replication.MapGet("/refusals", (ReplicationQueries queries) =>
            queries.Refusals().Select(r => new RefusalDto(r.At, r.From, r.SenderApplianceId, r.Reason, r.Count, r.FirstAt ?? r.At)));
        return app;
    }
}
