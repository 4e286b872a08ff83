using System.Text.Json.Serialization;
using Hangfire;
using MudBlazor.Services;
using Rockstor.Infrastructure;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Infrastructure.Secrets;
using Rockstor.Infrastructure.Storage;
using Rockstor.Web.Accounts;
using Rockstor.Web.Api;
using Rockstor.Web.Components;
using Rockstor.Web.Replication;

namespace Rockstor.Web.Hosting;

public static class WebComposition
{
    public static WebApplicationBuilder AddRockstorWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRockstorInfrastructure();

        var options = builder.Configuration.GetSection(RockstorOptions.Section).Get<RockstorOptions>() ?? new RockstorOptions();

        // The data directory holds the admin's password hash, the TLS key, the keys and the secrets: root only.
        DataDirectory.Secure(options.DataDirectory, new MountTable());
        // Run from a build rather than a publish (the tests do), the scripts, styles and Blazor's own
        // script come from the build's static web assets manifest; a publish has no manifest and its
        // wwwroot serves them, so this does nothing there.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Read at every handshake: the admin's own certificate is served as soon as it is put in place.
            kestrel.ConfigureHttpsDefaults(https =>
            {
                var local = kestrel.ApplicationServices.GetRequiredService<LocalCertificate>();
                https.ServerCertificateSelector = (_, _) => local.Certificate;
            });
        });

        services.AddRockstorAuthentication();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-rockstor-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.Path = "/";
        });
        services.AddLoginRateLimits();

        services.Configure<RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi();
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<ServicesHost>();
        services.AddHangfireServer(server =>
        {
            server.ServerName = "rockstor";
            server.WorkerCount = Math.Max(4, Environment.ProcessorCount * 2);

            // Hangfire looks for due recurring runs every 15 s by default: a run could start 15 s after its
            // time. Each look is one query of the job store's schedule (no write), so look every second.
            server.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddSignalR();
        services.AddHostedService<ReplicationBroadcaster>();
        services.AddHostedService<Pools.PoolOperationBroadcaster>();
        services.AddHostedService<Pools.PoolOperationPoller>();
        services.AddSingleton<Dashboard.DashboardBroadcaster>();

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<SessionWatch>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionAuthenticationStateProvider>();
        services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        return builder;
    }

    public static WebApplication UseRockstorWeb(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<SameOriginGuard>();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<SetupRedirect>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi();
        app.MapAccountEndpoints();
        app.MapApplianceApi();
        app.MapPeerApi();
        app.MapCertificateApi();
        app.MapSambaApi();
        app.MapNfsApi();
        app.MapSftpApi();
        app.MapReplicationServiceApi();
        app.MapServicesApi();
        app.MapStorageApi();
        app.MapSnapshotFilesApi();
        app.MapPoolOperationsApi();
        app.MapPoolImportApi();
        app.MapConfigurationApi();
        app.MapSnapshotSchedulesApi();
        app.MapUsersApi();
        app.MapReplicationApi();
        app.MapRestoreApi();
        app.MapAlertsApi();
        app.MapDashboardApi();
        app.MapUpdatesApi();
        app.MapHub<ReplicationHub>(ReplicationHub.Path);
        app.MapHub<Pools.StorageHub>(Pools.StorageHub.Path);
        app.MapHub<Dashboard.DashboardHub>(Dashboard.DashboardHub.Path);

        // The dashboard is for the admin: the endpoint takes the same login as every page.
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "Rockstor jobs" });
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
