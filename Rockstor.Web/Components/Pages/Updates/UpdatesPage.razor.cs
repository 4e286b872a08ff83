using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Updates;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Updates;

/// <summary>
/// System -> Updates: the running version, the one on offer with its changelog, "Update now", the
/// updater's progress live (the appliance restarts on the way: the page reconnects and reads it again),
/// and the settings.
/// </summary>
public sealed partial class UpdatesPage : IDisposable
{
    private UpdateStatus? _status;
    private string? _source;
    private bool _automatic;
    private string? _window;
    private bool _busy;

    [Inject]
    private UpdateService Updates { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Updates.Changed += OnChanged;
        await LoadAsync();
        var settings = _status!.Settings;
        (_source, _automatic, _window) = (settings.Source, settings.Automatic, settings.Window.ToString());
    }

    public void Dispose() => Updates.Changed -= OnChanged;

    internal static Severity SeverityOf(UpdateState state) => state switch
    {
        UpdateState.Succeeded => Severity.Success,
        UpdateState.RolledBack => Severity.Warning,
        UpdateState.Failed => Severity.Error,
        _ => Severity.Info,
    };

    internal static string Heading(UpdateProgress progress) => progress.State switch
    {
        UpdateState.Running => $"Updating from {progress.From} to {progress.To}:",
        UpdateState.Succeeded => "Updated:",
        UpdateState.RolledBack => "Rolled back:",
        _ => "The update failed:",
    };

    private void OnChanged() => InvokeAsync(async () =>
    {
        await LoadAsync();
        StateHasChanged();
    });

    private async Task LoadAsync() => _status = await Updates.StatusAsync(CancellationToken.None);

    private async Task CheckAsync()
    {
        _busy = true;
        try
        {
            await Snackbar.TryAsync(async () => _status = await Updates.CheckAsync(CancellationToken.None));
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task InstallAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Update to {_status!.Available}",
            $"The appliance installs version {_status.Available} and restarts: the web-ui is away for a minute, and this page comes back by itself. "
            + "If the new version does not start, the running one is put back.",
            yesText: "Update now",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            await Snackbar.TryAsync(async () => _status = await Updates.InstallAsync(CancellationToken.None), "The update has started.", Severity.Info);
        }
        finally
        {
            _busy = false;
        }
    }

    private Task SaveAsync() => Snackbar.TryAsync(
        () =>
        {
            Updates.SaveSettings(new UpdateSettingsRequest(_source ?? "", _automatic, _window));
            return LoadAsync();
        },
        "Update settings saved.");
}
