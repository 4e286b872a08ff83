using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Services;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Components;

/// <summary>
/// bUnit over the appliance's real services, store and btrfs on a sandbox of its own (with a replication
/// port of its own, should a test turn the service on); services stopped and the sandbox removed after.
/// </summary>
public abstract class ScreenTests : IAsyncLifetime
{
    protected Sandbox Sandbox { get; } = new();

    protected BunitContext Context { get; } = new();

    public virtual Task InitializeAsync()
    {
        StorageHost.AddSandboxedInfrastructure(
            Context.Services,
            Sandbox,
            new Dictionary<string, string?> { ["Rockstor:ReplicationPort"] = ApplianceProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Context.Services.AddMudServices();
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        AddServices(Context.Services);
        Context.Services.GetRequiredService<ApplianceIdentity>().Ensure(null);
        return Task.CompletedTask;
    }

    /// <summary>More services for a test class, added before the first is read.</summary>
    protected virtual void AddServices(IServiceCollection services)
    {
    }

    public virtual async Task DisposeAsync()
    {
        try
        {
            await Context.Services.GetRequiredService<ServiceMonitor>().StopAllAsync(CancellationToken.None);
            await Context.DisposeAsync();
        }
        finally
        {
            Sandbox.Dispose();
        }
    }

    /// <summary>Waits until a dialog is open with its fields drawn (a dialog shows a moment after the click that opens it).</summary>
    protected static Task WaitForDialogAsync<T>(IRenderedComponent<T> screen)
        where T : IComponent =>
        screen.WaitForAssertionAsync(() => Assert.NotEmpty(screen.FindAll(".mud-dialog .mud-dialog-actions button")), TimeSpan.FromSeconds(10));

    /// <summary>Clicks the button of the open dialog that says this.</summary>
    protected static void Click<T>(IRenderedComponent<T> screen, string text)
        where T : IComponent =>
        screen.InvokeAsync(() => screen.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == text).Click()).GetAwaiter().GetResult();

    /// <summary>The input of the open dialog's field with the label.</summary>
    protected static AngleSharp.Dom.IElement Field<T>(IRenderedComponent<T> screen, string label)
        where T : IComponent =>
        screen.FindAll(".mud-dialog .mud-input-control")
            .Single(c => c.QuerySelector("label")?.TextContent.Trim().TrimEnd('*').Trim() == label)
            .QuerySelector("input")!;

    /// <summary>Renders the page with MudBlazor's popover, dialog and snackbar providers beside it, as the layout does.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>()
        where TPage : IComponent =>
        RenderPage<TPage>(_ => { });

    /// <summary>Renders the page with its route parameters, beside MudBlazor's providers.</summary>
    protected IRenderedComponent<ContainerFragment> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>> page)
        where TPage : IComponent =>
        Context.Render<ContainerFragment>(parameters => parameters
            .AddChildContent<MudBlazor.MudPopoverProvider>()
            .AddChildContent<MudBlazor.MudDialogProvider>()
            .AddChildContent<MudBlazor.MudSnackbarProvider>()
            .AddChildContent(page));

    /// <summary>Renders its children side by side, as the layout renders the providers beside the page.</summary>
    public sealed class ContainerFragment : ComponentBase
    {
        [Parameter]
        public RenderFragment? ChildContent { get; set; }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, ChildContent);
    }
}
