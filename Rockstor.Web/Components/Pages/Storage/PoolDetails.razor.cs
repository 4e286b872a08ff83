using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;
using Rockstor.Web.Components.Shared;
using Rockstor.Web.Components.Storage;

namespace Rockstor.Web.Components.Pages.Storage;

/// <summary>
/// One pool: its disks with their error counters, the operation in progress live (over the circuit, as
/// btrfs reports it), its history, and the actions that start one: scrub, balance, raid change, remove
/// or replace a disk.
/// </summary>
public sealed partial class PoolDetails : IDisposable
{
    [Parameter]
    public string Name { get; set; } = "";

    [Inject]
    private PoolService Pools { get; set; } = default!;

    [Inject]
    private PoolOperationService Operations { get; set; } = default!;

    [Inject]
    private PoolOperationControl Control { get; set; } = default!;

    [Inject]
    private PoolOperationEvents Events { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private PoolView? _view;
    private PoolOperation? _active;
    private IReadOnlyList<PoolOperation> _history = [];

    protected override async Task OnParametersSetAsync()
    {
        Events.Changed -= OnChanged;
        Events.Changed += OnChanged;
        await LoadAsync();
    }

    public void Dispose() => Events.Changed -= OnChanged;

    private async Task LoadAsync()
    {
        await Snackbar.TryAsync(async () =>
        {
            _view = await Pools.GetAsync(Name, CancellationToken.None);
            _history = Operations.List(Name);
            _active = Operations.Active(Name);
        });
    }

    private void OnChanged(PoolOperation operation)
    {
        if (operation.Pool != Name)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            if (operation.State.IsActive())
            {
                _active = operation;
                _history = [.. _history.Select(h => h.Id == operation.Id ? operation : h)];
            }
            else
            {
                await LoadAsync(); // what ended may have changed the disks and the levels
            }

            StateHasChanged();
        });
    }

    private static string Disk(PoolDevice device) => device.Path ?? $"missing device {device.DevId}";

    private async Task ScrubAsync() =>
        await StartedAsync(() => Operations.ScrubAsync(Name, CancellationToken.None), "Scrub started: every block is read and checked.");

    private async Task BalanceAsync() =>
        await StartedAsync(() => Operations.BalanceAsync(Name, null, null, confirmed: false, CancellationToken.None), "Balance started.");

    private async Task ChangeRaidAsync()
    {
        var profiles = _view!.Profiles!;
        var dialog = await Dialogs.ShowAsync<RaidLevelDialog>(
            $"Change the raid level of pool {Name}",
            new DialogParameters<RaidLevelDialog>
            {
                { d => d.Pool, Name },
                { d => d.Data, RaidLevels.Parse(profiles.Data[0]) },
                { d => d.Metadata, RaidLevels.Parse(profiles.Metadata[0]) },
                { d => d.DeviceCount, _view.Devices.Count(d => !d.Missing) },
            });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Conversion started.", Severity.Info);
            await LoadAsync();
        }
    }

    private async Task ReplaceAsync(PoolDevice device)
    {
        var dialog = await Dialogs.ShowAsync<ReplaceDiskDialog>(
            $"Replace {Disk(device)}",
            new DialogParameters<ReplaceDiskDialog> { { d => d.Pool, Name }, { d => d.Device, device } });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add("Replacement started.", Severity.Info);
            await LoadAsync();
        }
    }

    private async Task RemoveAsync(PoolDevice device)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Remove a disk",
            $"Remove {Disk(device)} from pool {Name}? Everything on it is moved to the other disks first, which takes a while; "
            + "the pool stays in use. Afterwards the disk is no longer part of the pool.",
            yesText: "Remove",
            cancelText: "Cancel");
        if (confirmed == true)
        {
            await StartedAsync(() => Operations.RemoveDeviceAsync(Name, device.DevId.ToString(System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None), $"Moving everything off {Disk(device)}.");
        }
    }

    private async Task ResetErrorsAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Reset the error counters",
            $"Set the error counters of pool {Name}'s disks back to zero? Do it once you dealt with what they counted: from then on, new errors raise an alert again.",
            yesText: "Reset",
            cancelText: "Cancel");
        if (confirmed == true)
        {
            await Snackbar.TryAsync(() => Pools.ResetDeviceErrorsAsync(Name, CancellationToken.None), "Error counters reset.");
            await LoadAsync();
        }
    }

    private async Task ActAsync(OperationAction action)
    {
        var operation = _active!;
        if (action == OperationAction.Cancel)
        {
            var confirmed = await Dialogs.ShowMessageBoxAsync(
                "Cancel",
                $"Cancel the {PoolOperationService.Name(operation.Kind)}? What it did so far stays; it cannot be resumed.",
                yesText: "Cancel it",
                cancelText: "Keep it running");
            if (confirmed != true)
            {
                return;
            }
        }

        await StartedAsync(
            () => action switch
            {
                OperationAction.Pause => Control.PauseAsync(Name, operation.Id, CancellationToken.None),
                OperationAction.Resume => Control.ResumeAsync(Name, operation.Id, CancellationToken.None),
                _ => Control.CancelAsync(Name, operation.Id, CancellationToken.None),
            },
            null);
    }

    private async Task StartedAsync(Func<Task<PoolOperation>> start, string? said)
    {
        await Snackbar.TryAsync(start, said, Severity.Info);
        await LoadAsync();
    }
}
