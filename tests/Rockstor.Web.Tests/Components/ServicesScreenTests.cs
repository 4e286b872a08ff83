using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Services;
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
}
