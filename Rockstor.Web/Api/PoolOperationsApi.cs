using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Web.Api;

/// <summary>
/// A pool's long operations over JSON: scrub, balance, disk removal and replacement start and answer 202
/// with the operation, which is then followed at /operations/{id} (or live on the storage hub).
/// </summary>
public static class PoolOperationsApi
{
    public static IEndpointRouteBuilder MapPoolOperationsApi(this IEndpointRouteBuilder app)
    {
        var pools = app.MapGroup("/api/pools/{name}").WithTags("Pools");
        pools.MapPost("/scrub", async (string name, PoolOperationService service, CancellationToken ct) =>
            Accepted(await service.ScrubAsync(name, ct)));
        pools.MapPost("/balance", async (string name, PoolOperationService service, CancellationToken ct) =>
            Accepted(await service.BalanceAsync(name, null, null, confirmed: false, ct)));
        pools.MapDelete("/devices", async (string name, string? device, PoolOperationService service, CancellationToken ct) =>
            Accepted(await service.RemoveDeviceAsync(name, device, ct)));
        pools.MapPost("/replace", async (string name, ReplaceBody body, PoolOperationService service, CancellationToken ct) =>
            Accepted(await service.ReplaceAsync(name, body.Device ?? body.Devid?.ToString(System.Globalization.CultureInfo.InvariantCulture), body.With, ct)));
        pools.MapGet("/operations", (string name, PoolOperationService service) =>
            service.List(name).Select(PoolOperationDto.From));
        pools.MapGet("/operations/{id:long}", (string name, long id, PoolOperationService service) =>
            PoolOperationDto.From(service.Require(name, id)));
        pools.MapPost("/operations/{id:long}/pause", async (string name, long id, PoolOperationControl control, CancellationToken ct) =>
            PoolOperationDto.From(await control.PauseAsync(name, id, ct)));
        pools.MapPost("/operations/{id:long}/resume", async (string name, long id, PoolOperationControl control, CancellationToken ct) =>
            PoolOperationDto.From(await control.ResumeAsync(name, id, ct)));
        pools.MapPost("/operations/{id:long}/cancel", async (string name, long id, PoolOperationControl control, CancellationToken ct) =>
            PoolOperationDto.From(await control.CancelAsync(name, id, ct)));
        return app;
    }

    private static IResult Accepted(PoolOperation operation) =>
        TypedResults.Accepted($"/api/pools/{operation.Pool}/operations/{operation.Id}", PoolOperationDto.From(operation));
}
