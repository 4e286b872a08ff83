using Rockstor.Domain.Services;
using Rockstor.Domain.Sftp;

namespace Rockstor.Web.Api;

/// <summary>The SFTP service with its port, and each share's SFTP export.</summary>
public static class SftpApi
{
    public static IEndpointRouteBuilder MapSftpApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services/sftp", (ServiceMonitor monitor, SftpService sftp) =>
                SftpServiceDto.From(monitor.Get(ServiceNames.Sftp), sftp.Port()))
            .WithTags("Services");

        // The port first: a server turned on starts on it, and one sshd refuses is never started.
        app.MapPut("/api/services/sftp", async (SftpServiceBody body, ServiceMonitor monitor, SftpService sftp, CancellationToken ct) =>
            {
                if (body.Port is not null)
                {
                    await sftp.SetSettingsAsync(new SftpSettingsRequest(body.Port), ct);
                }

                var status = body.Enabled is { } enabled
                    ? await monitor.SetEnabledAsync(ServiceNames.Sftp, enabled, ct)
                    : monitor.Get(ServiceNames.Sftp);
                return SftpServiceDto.From(status, sftp.Port());
            })
            .WithTags("Services");

        var exports = app.MapGroup("/api/shares/{name}/sftp").WithTags("Shares");
        exports.MapGet("/", (string name, SftpService sftp) => SftpExportDto.From(sftp.Get(name)));
        exports.MapPut("/", async (string name, SftpExportRequest request, SftpService sftp, CancellationToken ct) =>
            SftpExportDto.From(await sftp.SetAsync(name, request, ct)));
        return app;
    }
}
