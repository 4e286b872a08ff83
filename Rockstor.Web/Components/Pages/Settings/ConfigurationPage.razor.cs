using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using Rockstor.Domain.Configuration;
using Rockstor.Web.Api;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Settings;

/// <summary>Export the configuration to a file (passphrase typed twice); import one on a fresh install after a confirmation.</summary>
public partial class ConfigurationPage
{
    private string? _exportPassphrase;
    private string? _exportRepeat;
    private string? _importPassphrase;
    private byte[]? _file;
    private string? _fileName;
    private ImportOutcome? _outcome;
    private bool _busy;

    [Inject]
    private ConfigurationService Service { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task ExportAsync()
    {
        if (_exportPassphrase != _exportRepeat)
        {
            Snackbar.Add("The two passphrases differ: type the same one twice.", Severity.Warning);
            return;
        }

        _busy = true;
        await Snackbar.TryAsync(
            async () =>
            {
                var export = await Service.ExportAsync(_exportPassphrase, CancellationToken.None);
                using var content = new MemoryStream(export.Content);
                using var reference = new DotNetStreamReference(content);
                await Js.InvokeVoidAsync("rockstorDownload", export.FileName, reference);
                _exportPassphrase = _exportRepeat = null;
            },
            "The configuration was exported. Keep the file and its passphrase apart, off the appliance.");
        _busy = false;
    }

    private async Task ChooseAsync(InputFileChangeEventArgs e)
    {
        await Snackbar.TryAsync(async () =>
        {
            using var memory = new MemoryStream();
            await using var stream = e.File.OpenReadStream(ConfigurationApi.MaxFileBytes);
            await stream.CopyToAsync(memory);
            _file = memory.ToArray();
            _fileName = e.File.Name;
        });
    }

    private async Task ImportAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Import the configuration",
            "Replace this appliance's configuration with the file's? Its identity, certificate, admin account, pairings, tasks, "
            + "schedules, users, exports and settings are replaced. Then import the pools and restart the appliance.",
            yesText: "Import",
            cancelText: "Cancel");
        if (confirmed != true || _file is null)
        {
            return;
        }

        _busy = true;
        await Snackbar.TryAsync(
            async () => _outcome = await Service.ImportAsync(_file, _importPassphrase, CancellationToken.None),
            "The configuration was imported; follow the next steps shown.");
        _importPassphrase = null;
        _busy = false;
    }
}
