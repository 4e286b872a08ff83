using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Pools;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Storage;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>The pools with their size and use; create one (on disks or an image file), delete one after a confirmation.</summary>
public partial class Pools
{
    private IReadOnlyList<PoolView> _pools = [];
    private bool _loading = true;

    [Inject]
    private PoolService PoolService { get; set; } = default!;

    [Inject]
    private RemovablePools Removable { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        await Snackbar.TryAsync(async () => _pools = await PoolService.ListAsync(CancellationToken.None));
        _loading = false;
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreatePoolDialog>("Create pool");
        if (await dialog.Result is { Canceled: false, Data: string name })
        {
            Snackbar.Add($"Pool '{name}' created.", Severity.Success);
            await LoadAsync();
        }
    }

    /// <summary>Mounts a pool that is not mounted; degraded only after a question that says what it means.</summary>
    private async Task MountAsync(string name, bool degraded)
    {
        if (degraded)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Mount degraded",
                $"Mount pool '{name}' without its missing disk? It then runs without the redundancy it was made with: what is written goes to the "
                + "disks left, and one more failure may lose data. Replace the missing disk as soon as you can.",
                yesText: "Mount degraded",
                cancelText: "Cancel");
            if (confirmed != true)
            {
                return;
            }
        }

        await Snackbar.TryAsync(
            () => PoolService.MountAsync(name, degraded, CancellationToken.None),
            degraded ? $"Pool '{name}' is mounted degraded: replace its missing disk." : $"Pool '{name}' is mounted.");
        await LoadAsync();
    }

    /// <summary>Unmounts a removable pool so its disk can be pulled (refused while a task writes to it).</summary>
    private async Task EjectAsync(string name)
    {
        await Snackbar.TryAsync(() => Removable.EjectAsync(name, CancellationToken.None), $"Pool '{name}' is unmounted: its disk can be pulled.");
        await LoadAsync();
    }

    private async Task AddDisksAsync(Pool pool)
    {
        var dialog = await Dialogs.ShowAsync<AddDisksDialog>(
            $"Add disks to pool {pool.Name}",
            new DialogParameters<AddDisksDialog> { { d => d.Pool, pool } });
        if (await dialog.Result is { Canceled: false, Data: int added })
        {
            Snackbar.Add($"{added} disk(s) added to pool '{pool.Name}'.", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task SettingsAsync(Pool pool)
    {
        var dialog = await Dialogs.ShowAsync<PoolSettingsDialog>(
            $"Settings of pool {pool.Name}",
            new DialogParameters<PoolSettingsDialog> { { d => d.Pool, pool } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"Pool '{pool.Name}' is mounted with its new settings.", Severity.Success);
            await LoadAsync();
        }
    }

    /// <summary>Asks first; a pool that still holds shares is deleted with them only after a second question.</summary>
    private async Task DeleteAsync(string name)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete pool",
            $"Delete pool '{name}'? It is unmounted and its disks are wiped (or its image file removed).",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await Snackbar.TryAsync(
            () => PoolService.DeleteAsync(name, deleteShares: false, CancellationToken.None),
            $"Pool '{name}' deleted.",
            onConflict: async notEmpty =>
            {
                var everything = await Dialogs.ShowMessageBoxAsync(
                    "The pool is not empty", notEmpty.Message + " Delete the pool with all its shares and snapshots?",
                    yesText: "Delete everything", cancelText: "Keep it");
                if (everything == true)
                {
                    await Snackbar.TryAsync(() => PoolService.DeleteAsync(name, deleteShares: true, CancellationToken.None), $"Pool '{name}' deleted.");
                }
            });
        await LoadAsync();
    }
}
