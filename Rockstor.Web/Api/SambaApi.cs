using Rockstor.Domain.Services;
using Rockstor.Domain.Smb;

namespace Rockstor.Web.Api;

/// <summary>The Samba service with its settings, and each share's SMB export.</summary>
public static class SambaApi
{
    public static IEndpointRouteBuilder MapSambaApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services/samba", (ServiceMonitor monitor, SmbService smb) =>
                SambaServiceDto.From(monitor.Get(ServiceNames.Samba), smb.Settings()))
            .WithTags("Services");

        // Settings first: a server turned on starts with them, and one Samba refuses is never started.
        app.MapPut("/api/services/samba", async (SambaServiceBody body, ServiceMonitor monitor, SmbService smb, CancellationToken ct) =>
            {
                if (body.Workgroup is not null || body.GlobalOptions is not null)
                {
                    await smb.SetSettingsAsync(new SmbSettingsRequest(body.Workgroup, body.GlobalOptions), ct);
                }

                var status = body.Enabled is { } enabled
                    ? await monitor.SetEnabledAsync(ServiceNames.Samba, enabled, ct)
                    : monitor.Get(ServiceNames.Samba);
                return SambaServiceDto.From(status, smb.Settings());
            })
            .WithTags("Services");

        var exports = app.MapGroup("/api/shares/{name}/smb").WithTags("Shares");
        exports.MapGet("/", (string name, SmbService smb) => SmbExportDto.From(smb.Get(name)));
        exports.MapPut("/", async (string name, SmbExportRequest request, SmbService smb, CancellationToken ct) =>
            SmbExportDto.From(await smb.SetAsync(name, request, ct)));
        return app;
    }
}
