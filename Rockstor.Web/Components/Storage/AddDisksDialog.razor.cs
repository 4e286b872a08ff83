using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Components.Storage;

/// <summary>Adds empty disks to a pool on disks; the disks are read as it opens.</summary>
public sealed partial class AddDisksDialog
{
    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PoolService PoolService { get; set; } = default!;

    [Inject]
    private IBlockDevices Devices { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public Pool Pool { get; set; } = default!;

    private IReadOnlyList<BlockDevice> _disks = [];
    private readonly HashSet<string> _chosen = [];
    private bool _loading = true;
    private bool _busy;
    private string? _error;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _disks = await Devices.ListDisksAsync(CancellationToken.None);
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }

        _loading = false;
    }

    private async Task AddAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            await PoolService.AddDevicesAsync(Pool.Name, [.. _chosen], CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(_chosen.Count));
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
