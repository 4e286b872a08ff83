using Rockstor.Domain.Common;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Disks;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>The machine's whole disks, what each holds, and wiping one that holds nothing of this appliance (after a confirmation that names it).</summary>
public partial class Disks
{
    [Inject]
    private DiskService DiskService { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    internal IReadOnlyList<DiskView> Rows { get; private set; } = [];

    internal bool Loading { get; private set; } = true;

    protected override Task OnInitializedAsync() => LoadAsync();

    internal async Task LoadAsync()
    {
        Loading = true;
        await Snackbar.TryAsync(async () => Rows = await DiskService.ListAsync(CancellationToken.None));
        Loading = false;
    }

    /// <summary>The disk's SMART data and self-tests.</summary>
    internal async Task SmartAsync(string device) =>
        await Dialogs.ShowAsync<Rockstor.Web.Components.Storage.SmartDialog>(
            $"Health of {device}",
            new DialogParameters<Rockstor.Web.Components.Storage.SmartDialog> { { d => d.Device, device } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });

    /// <summary>Opens the import dialog for the filesystem; once imported, the pool's page.</summary>
    internal async Task ImportAsync(string fsUuid)
    {
        var dialog = await Dialogs.ShowAsync<Rockstor.Web.Components.Storage.ImportPoolDialog>(
            "Import a pool",
            new DialogParameters<Rockstor.Web.Components.Storage.ImportPoolDialog> { { d => d.FsUuid, fsUuid } });
        if (await dialog.Result is { Canceled: false, Data: string pool })
        {
            Snackbar.Add($"Pool '{pool}' imported.", Severity.Success);
            Navigation.NavigateTo($"/storage/pools/{Uri.EscapeDataString(pool)}");
        }
    }

    internal static bool CanWipe(DiskView disk) =>
        disk.Holds is DiskHolds.ForeignBtrfs or DiskHolds.Filesystem && !disk.Disk.Mounted;

    internal async Task WipeAsync(DiskView disk)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Wipe {disk.Disk.Path}",
            $"{disk.Disk.Path} ({Bytes.Format(disk.Disk.SizeBytes)}{(disk.Disk.Model is { } model ? $", {model}" : "")}) holds {disk.WhatItHolds}. "
            + "Wiping removes every filesystem signature on it: what it holds can no longer be read or imported here.",
            yesText: $"Wipe {disk.Disk.Path}",
            cancelText: "Cancel");
        if (confirmed == true)
        {
            await Snackbar.TryAsync(() => DiskService.WipeAsync(disk.Disk.Path, disk.Disk.Path, CancellationToken.None), $"{disk.Disk.Path} is wiped.");
            await LoadAsync();
        }
    }
}
