using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Rockstor.Domain.Services;
using Rockstor.Testing;
using ServicesPage = Rockstor.Web.Components.Pages.Settings.Services;

namespace Rockstor.Web.Tests.Components;

/// <summary>The Services screen over the real service monitor and replication listener.</summary>
public sealed class ServicesScreenTests : IAsyncLifetime
{
    private readonly Sandbox _sandbox = new();
    private readonly BunitContext _context = new();
    private readonly int _port = ApplianceProcess.FreePort();

    public Task InitializeAsync()
    {
        StorageHost.AddSandboxedInfrastructure(
            _context.Services,
            _sandbox,
            new Dictionary<string, string?> { ["Rockstor:ReplicationPort"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        try
        {
            await _context.Services.GetRequiredService<ServiceMonitor>().StopAllAsync(CancellationToken.None);
            await _context.DisposeAsync();
        }
        finally
        {
            _sandbox.Dispose();
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_change_made_elsewhere_shows_on_the_open_screen_without_a_reload()
    {
        var screen = _context.Render<ServicesPage>();
        Assert.Contains("stopped", screen.Find("tr[data-service='replication']").TextContent, StringComparison.Ordinal);

        await _context.Services.GetRequiredService<ServiceMonitor>().SetEnabledAsync("replication", true, CancellationToken.None);

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("running", screen.Find("tr[data-service='replication']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
    }

    [Fact(Timeout = 60_000)]
    public async Task The_switch_turns_the_service_on_and_its_state_is_kept()
    {
        var screen = _context.Render<ServicesPage>();

        screen.Find("tr[data-service='replication'] input[type='checkbox']").Change(true);

        await screen.WaitForAssertionAsync(
            () => Assert.Contains("running", screen.Find("tr[data-service='replication']").TextContent, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10));
        var stored = _context.Services.GetRequiredService<IServiceSettings>().Load();
        Assert.True(stored["replication"]);
    }
}
