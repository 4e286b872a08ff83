using Rockstor.Domain.Appliances;

namespace Rockstor.Web.Api;

public static class ApplianceApi
{
    public static IEndpointRouteBuilder MapApplianceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/appliance", (ApplianceIdentity identity) => ApplianceDto.From(identity.Current)).WithTags("Appliance");
        return app;
    }
}
