using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;
public static class ServicesApi
{
    public static IEndpointRouteBuilder MapServicesApi(this IEndpointRouteBuilder app)
    {
        var services = app.MapGroup("/api/services").WithTags("Services");
        services.MapGet("/", (ServiceMonitor monitor) => monitor.List().Select(ServiceDto.From));
        services.MapPut("/{name}", async (string name, ServiceSwitch body, ServiceMonitor monitor, CancellationToken ct) =>
            ServiceDto.From(await monitor.SetEnabledAsync(name, body.Enabled, ct)));
        return app;
    }
}
