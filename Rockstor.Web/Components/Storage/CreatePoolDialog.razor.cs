using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Components.Storage;

/// <summary>
/// Creates a pool on image files (to try the appliance out) or on whole disks, at a raid level; the
/// disks are read when the admin turns to them, so nothing re-renders the form while the name is typed.
/// A refusal shows in the dialog, the form kept as filled in.
/// </summary>
public sealed partial class CreatePoolDialog
{
    private string _name = "";
    private bool _onImage = true;
    private int _sizeGiB = 8;
    private int _imageCount = 1;
    private RaidLevel _raid = RaidLevel.Single;
    private bool _removable;
    private IReadOnlyList<BlockDevice>? _disks;
    private readonly HashSet<string> _chosen = [];
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PoolService PoolService { get; set; } = default!;

    [Inject]
    private IBlockDevices Devices { get; set; } = default!;

    private async Task ReadDisksAsync()
    {
        if (_onImage || _disks is not null)
        {
            return;
        }

        try
        {
            _disks = await Devices.ListDisksAsync(CancellationToken.None);
        }
        catch (RockstorException e)
        {
            _disks = [];
            _error = e.Message;
        }
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var view = _onImage
                ? await PoolService.CreateAsync(new CreateImagePool(_name, _sizeGiB, _imageCount, _raid), CancellationToken.None)
                : await PoolService.CreateAsync(new CreateDiskPool(_name, _raid, _chosen.ToList(), _removable), CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(view.Pool.Name));
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
