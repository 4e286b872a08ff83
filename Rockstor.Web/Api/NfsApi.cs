using Rockstor.Domain.Nfs;
using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;

/// <summary>The NFS service with its settings, and each share's NFS export.</summary>
public static class NfsApi
{
    public static IEndpointRouteBuilder MapNfsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services/nfs", (ServiceMonitor monitor, NfsService nfs) => NfsServiceDto.From(monitor.Get(ServiceNames.Nfs), nfs.Settings()))
            .WithTags("Services");

        // Settings first: a server turned on starts with them.
        app.MapPut("/api/services/nfs", async (NfsServiceBody body, ServiceMonitor monitor, NfsService nfs, CancellationToken ct) =>
            {
                await nfs.SetSettingsAsync(body.V3, ct);
                var status = body.Enabled is { } enabled
                    ? await monitor.SetEnabledAsync(ServiceNames.Nfs, enabled, ct)
                    : monitor.Get(ServiceNames.Nfs);
                return NfsServiceDto.From(status, nfs.Settings());
            })
            .WithTags("Services");

        var exports = app.MapGroup("/api/shares/{name}/nfs").WithTags("Shares");
        exports.MapGet("/", (string name, NfsService nfs) => NfsExportDto.From(nfs.Get(name)));
        exports.MapPut("/", async (string name, NfsExportRequest request, NfsService nfs, CancellationToken ct) =>
            NfsExportDto.From(await nfs.SetAsync(name, request, ct)));
        return app;
    }
}
