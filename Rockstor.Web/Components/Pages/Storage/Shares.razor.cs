using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Shares;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Sharing;
using Rockstor.Web.Components.Storage;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>
/// The shares with their pool, path, use, limit, owner and how each is offered to the network (SMB, NFS,
/// SFTP); create one, change its settings or exports, delete one after a confirmation.
/// </summary>
public partial class Shares
{
    private static readonly string[] Protocols = ["SMB", "NFS", "SFTP"];

    private IReadOnlyList<ShareView> _shares = [];
    private Dictionary<string, HashSet<string>> _offered = [];
    private bool _loading = true;

    [Inject]
    private ShareService ShareService { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IEnumerable<IExportReferences> Exports { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        await Snackbar.TryAsync(async () => _shares = await ShareService.ListAsync(CancellationToken.None));
        _offered = _shares.ToDictionary(s => s.Share.Name, s => Exports.Select(e => e.OfferedOver(s.Share.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        _loading = false;
    }

    private IReadOnlySet<string> Offered(string share) => _offered.TryGetValue(share, out var offered) ? offered : [];

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
            await LoadAsync();
        }
    }

    private async Task NfsAsync(Share share)
    {
        var dialog = await Dialogs.ShowAsync<NfsExportDialog>($"NFS export of {share.Name}", new DialogParameters<NfsExportDialog> { { d => d.Share, share } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"NFS export of '{share.Name}' saved.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SftpAsync(Share share)
    {
        var dialog = await Dialogs.ShowAsync<SftpExportDialog>($"SFTP export of {share.Name}", new DialogParameters<SftpExportDialog> { { d => d.Share, share } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"SFTP export of '{share.Name}' saved.", Severity.Success);
            await LoadAsync();
        }
    }

    /// <summary>Asks first; a share offered to the network is not deleted, and one that has snapshots is deleted with them only after a second question.</summary>
    private async Task DeleteAsync(string name)
    {
        var offered = Exports.Select(e => e.OfferedOver(name)).OfType<string>().ToList();
        if (offered.Count > 0)
        {
            await Dialogs.ShowMessageBoxAsync(
                "The share is offered to the network",
                $"'{name}' is offered over {string.Join(" and ", offered)}. Turn that off first (the {string.Join(", ", offered)} buttons of its row), then delete it.",
                yesText: "OK");
            return;
        }

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
