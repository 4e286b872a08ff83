using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Shares;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Sharing;
using Rockstor.Web.Components.Storage;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>The shares with their pool, path, use, limit and owner; create one, change its settings, delete one after a confirmation.</summary>
public partial class Shares
{
    private IReadOnlyList<ShareView> _shares = [];
    private bool _loading = true;

    [Inject]
    private ShareService ShareService { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        await Snackbar.TryAsync(async () => _shares = await ShareService.ListAsync(CancellationToken.None));
        _loading = false;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateShareDialog>("Create share");
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add($"Share '{name}' created.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SettingsAsync(Share share)
    {
        var dialog = await Dialogs.ShowAsync<ShareSettingsDialog>($"Settings of {share.Name}", new DialogParameters<ShareSettingsDialog> { { d => d.Share, share } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Share '{share.Name}' changed.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SmbAsync(Share share)
    {
        var dialog = await Dialogs.ShowAsync<SmbExportDialog>($"SMB export of {share.Name}", new DialogParameters<SmbExportDialog> { { d => d.Share, share } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"SMB export of '{share.Name}' saved.", Severity.Success);
        }
    }

    private async Task SftpAsync(Share share)
    {
        var dialog = await Dialogs.ShowAsync<SftpExportDialog>($"SFTP export of {share.Name}", new DialogParameters<SftpExportDialog> { { d => d.Share, share } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"SFTP export of '{share.Name}' saved.", Severity.Success);
        }
    }

    /// <summary>Asks first; a share that has snapshots is deleted with them only after a second question.</summary>
    private async Task DeleteAsync(string name)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete share", $"Delete share '{name}' and all its files?", yesText: "Delete", cancelText: "Cancel") != true)
        {
            return;
        }

        await Snackbar.TryAsync(
            () => ShareService.DeleteAsync(name, deleteSnapshots: false, CancellationToken.None),
            $"Share '{name}' deleted.",
            onConflict: async hasSnapshots =>
            {
                if (await Dialogs.ShowMessageBoxAsync("The share has snapshots", hasSnapshots.Message, yesText: "Delete share and snapshots", cancelText: "Keep it") == true)
                {
                    await Snackbar.TryAsync(
                        () => ShareService.DeleteAsync(name, deleteSnapshots: true, CancellationToken.None),
                        $"Share '{name}' and its snapshots deleted.");
                }
            });
        await LoadAsync();
    }
}
