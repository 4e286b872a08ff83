using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Services;
using Rockstor.Testing;
using ServicesPage = Rockstor.Web.Components.Pages.Settings.Services;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Services screen over the real service monitor and replication listener.</summary>
public sealed class ServicesScreenTests : ScreenTests
{
    [Fact(Timeout = 60_000)]
    public async Task A_change_made_elsewhere_shows_on_the_open_screen_without_a_reload()
    {
        var screen = Context.Render<ServicesPage>();
        Assert.Contains("stopped", screen.Find("tr[data-service='replication']").TextContent, StringComparison.Ordinal);

        await Context.Services.GetRequiredService<ServiceMonitor>().SetEnabledAsync("replication", true, CancellationToken.None);

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("running", screen.Find("tr[data-service='replication']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_switch_turns_the_service_on_and_its_state_is_kept()
    {
        var screen = Context.Render<ServicesPage>();

        screen.Find("tr[data-service='replication'] input[type='checkbox']").Change(true);

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("running", screen.Find("tr[data-service='replication']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        var stored = Context.Services.GetRequiredService<IServiceSettings>().Load();
        Assert.True(stored["replication"]);
    }

    [Fact(Timeout = 60_000)]
    public async Task The_replication_dialog_moves_the_listener_and_a_taken_port_shows_why_inside_it()
    {
        var monitor = Context.Services.GetRequiredService<ServiceMonitor>();
        await monitor.SetEnabledAsync("replication", true, CancellationToken.None);
        var listener = Context.Services.GetRequiredService<ReplicationListenerService>();
        var oldPort = listener.Port();
        using var squatter = new TcpListener(IPAddress.Any, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var screen = RenderPage<ServicesPage>();

        screen.Find("button[aria-label='Replication settings']").Click();
        await WaitForDialogAsync(screen);
        Field(screen, "Port").Change(taken.ToString(CultureInfo.InvariantCulture));
        Click(screen, "Save");
        await screen.WaitForAssertionAsync(
            () => Assert.Contains("something else on this machine already listens there", screen.Find(".mud-dialog [role='alert']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(20));
        Assert.Equal(oldPort, listener.Port());

        var fresh = ApplianceProcess.FreePort();
        Field(screen, "Port").Change(fresh.ToString(CultureInfo.InvariantCulture));
        Click(screen, "Save");

        await screen.WaitForAssertionAsync(() => Assert.Empty(screen.FindAll(".mud-dialog")), TimeSpan.FromSeconds(20));
        Assert.Equal(fresh, listener.Port());
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, fresh);
        Assert.True(monitor.IsRunning("replication"));
    }
}
