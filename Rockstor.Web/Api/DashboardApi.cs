using Rockstor.Domain.Dashboard;

namespace Rockstor.Web.Api;

/// <summary>Health at a glance: the dashboard's widgets now.</summary>
public static class DashboardApi
{
    public static IEndpointRouteBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/dashboard", async (DashboardFeed feed, CancellationToken ct) => DashboardDto.From(await feed.CurrentAsync(ct))).WithTags("Dashboard");
        return app;
    }
}
