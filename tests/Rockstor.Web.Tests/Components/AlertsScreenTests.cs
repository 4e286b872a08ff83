using AlertsPage = Rockstor.Web.Components.Pages.Settings.Alerts;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Replication.Trail;
using Rockstor.Domain.Retention;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Alerts screen over the real alert service and store.</summary>
public sealed class AlertsScreenTests : ScreenTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_raised_alert_appears_without_a_reload_and_bad_settings_say_what_is_wrong()
    {
        var task = new ReplicationTask { Share = "docs", TargetApplianceId = "9a1b2c3d", TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };
        Context.Services.GetRequiredService<IReplicationTaskRepository>().Save(task);
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<AlertsPage>());
        Assert.Contains("No open alerts", screen.Markup, StringComparison.Ordinal);

        var alerts = Context.Services.GetRequiredService<AlertService>();
        var failed = new Attempt { OwnerId = task.Id, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Failed, Error = "nas2 refused: Pool 'tank' does not exist on the destination." };
        await alerts.RunEndedAsync(task, failed, CancellationToken.None);

        await screen.WaitForAssertionAsync(() => Assert.Contains("Pool 'tank' does not exist", screen.Find("tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Contains("run failed", screen.Find("[data-alert-kind]").TextContent, StringComparison.Ordinal);
        Assert.Contains("no channel set up", screen.Find("tbody tr").TextContent, StringComparison.Ordinal);

        screen.FindAll("input").First(i => i.GetAttribute("placeholder") == "smtp.example.com").Change("mail.example.com");
        await screen.InvokeAsync(() => screen.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click());

        await screen.WaitForAssertionAsync(() => Assert.Contains("is not an email address", screen.Find("[role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Null(alerts.Settings().Email); // nothing half-saved
    }

    [Fact(Timeout = 60_000)]
    public async Task A_webhook_on_this_appliance_is_refused_on_the_screen_until_the_admin_ticks_the_box()
    {
        var screen = Context.Render<ContainerFragment>(p => p
            .AddChildContent<MudPopoverProvider>()
            .AddChildContent<MudSnackbarProvider>()
            .AddChildContent<AlertsPage>());
        var alerts = Context.Services.GetRequiredService<AlertService>();
        var allow = screen.FindAll("input[type=checkbox]").Single(i => i.Closest("label")?.TextContent.Contains("Allow a webhook on this appliance", StringComparison.Ordinal) == true);
        Assert.False(allow.HasAttribute("checked"));

        screen.FindAll("input").First(i => i.GetAttribute("placeholder") == "https://hooks.example.com/rockstor").Change("http://localhost:9/hook");
        await screen.InvokeAsync(() => screen.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click());

        await screen.WaitForAssertionAsync(() => Assert.Contains("is this appliance (a loopback address", screen.Find("[role='alert']").TextContent, StringComparison.Ordinal));
        Assert.Null(alerts.Settings().WebhookUrl);

        screen.FindAll("input[type=checkbox]").Single(i => i.Closest("label")?.TextContent.Contains("Allow a webhook on this appliance", StringComparison.Ordinal) == true).Change(true);
        await screen.InvokeAsync(() => screen.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click());

        await screen.WaitForAssertionAsync(() => Assert.Equal((new Uri("http://localhost:9/hook"), true), (alerts.Settings().WebhookUrl, alerts.Settings().AllowLoopbackWebhook)));
        Assert.DoesNotContain("is this appliance", screen.Markup, StringComparison.Ordinal);
        Assert.Contains("Alert settings saved.", screen.Markup, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Alerts_beyond_replication_are_named_and_link_where_to_act_and_the_weekly_report_can_be_turned_off()
    {
        var alerts = Context.Services.GetRequiredService<AlertService>();
        await alerts.RaiseForPoolAsync(AlertKind.Capacity, "tank", "Pool 'tank' is 85% full, past 80%, the warning threshold.", CancellationToken.None);
        await alerts.RaiseAboutAsync(AlertKind.ServiceStopped, "service:samba", "service Samba (SMB)", "Samba (SMB) is on but not running.", CancellationToken.None);
        var screen = RenderPage<AlertsPage>();

        var rows = screen.FindAll("tbody tr").Select(r => (Kind: r.QuerySelector("[data-alert-kind]")!.TextContent.Trim(), Link: r.QuerySelector("a")!.GetAttribute("href"))).ToList();
        Assert.Equal([("service stopped", "/system/services"), ("filling up", "/storage/pools/tank")], rows);

        var weekly = screen.FindAll("input[type=checkbox]").Single(i => i.Closest("label")?.TextContent.Contains("Mail a status report every Monday at 07:00 UTC", StringComparison.Ordinal) == true);
        Assert.True(weekly.HasAttribute("checked"));
        await screen.InvokeAsync(() => weekly.Change(false));
        await screen.InvokeAsync(() => screen.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click());

        await screen.WaitForAssertionAsync(() => Assert.False(alerts.Settings().WeeklyReport));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_menu_counts_open_alerts_live()
    {
        var layout = Context.Render<Rockstor.Web.Components.Layout.MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));
        Assert.Empty(layout.FindAll("[data-open-alerts]"));

        var task = new ReplicationTask { Share = "docs", TargetApplianceId = "9a1b2c3d", TargetPool = "tank", FrequencyMinutes = 60, Port = 10002, Retention = RetentionPolicy.KeepLast(5), Enabled = true, CreatedAt = DateTimeOffset.UtcNow };
        Context.Services.GetRequiredService<IReplicationTaskRepository>().Save(task);
        await Context.Services.GetRequiredService<AlertService>().RunEndedAsync(
            task, new Attempt { OwnerId = task.Id, StartedAt = DateTimeOffset.UtcNow, Status = AttemptStatus.Failed, Error = "cut" }, CancellationToken.None);

        await layout.WaitForAssertionAsync(() => Assert.Equal("1", layout.Find("[data-open-alerts]").GetAttribute("data-open-alerts")));
    }
}
