using Rockstor.Domain.Pools.Import;

namespace Rockstor.Web.Api;

/// <summary>Importing btrfs filesystems made elsewhere: list them, look at what an import would make (nothing written), import.</summary>
public static class PoolImportApi
{
    public static IEndpointRouteBuilder MapPoolImportApi(this IEndpointRouteBuilder app)
    {
        var pools = app.MapGroup("/api/pools").WithTags("Pools");
        pools.MapGet("/importable", async (PoolImportService service, CancellationToken ct) =>
            (await service.ListAsync(ct)).Select(ImportCandidateDto.From));
        pools.MapGet("/importable/{fsUuid}", async (string fsUuid, PoolImportService service, CancellationToken ct) =>
            ImportPreviewDto.From(await service.PreviewAsync(fsUuid, ct)));
        pools.MapPost("/import", async (ImportBody body, PoolImportService service, CancellationToken ct) =>
        {
            var view = await service.ImportAsync(body.FsUuid, body.Name, body.Degraded ?? false, ct);
            return TypedResults.Created($"/api/pools/{view.Pool.Name}", PoolDto.From(view));
        });
        return app;
    }
}
