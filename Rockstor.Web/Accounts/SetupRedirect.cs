using Rockstor.Domain.Accounts;

namespace Rockstor.Web.Accounts;

/// <summary>Until an admin exists, every page leads to the setup screen.</summary>
public sealed class SetupRedirect(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, AccountService accounts)
    {
        var path = context.Request.Path;
        if (HttpMethods.IsGet(context.Request.Method)
            && !accounts.IsSetUp
            && !AuthComposition.IsApi(context.Request)
            && !path.StartsWithSegments("/setup")
            && !path.StartsWithSegments("/healthz")
            && !path.StartsWithSegments("/_framework")
            && !path.StartsWithSegments("/_content")
            && !Path.HasExtension(path.Value))
        {
            context.Response.Redirect("/setup");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
