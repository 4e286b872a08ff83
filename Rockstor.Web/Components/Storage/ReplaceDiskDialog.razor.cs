using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Components.Storage;

/// <summary>Replaces one of a pool's devices (there or missing) with an empty disk chosen from those large enough.</summary>
public sealed partial class ReplaceDiskDialog
{
    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PoolOperationService Operations { get; set; } = default!;

    [Inject]
    private IBlockDevices Devices { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public string Pool { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public PoolDevice Device { get; set; } = default!;

    private IReadOnlyList<BlockDevice>? _disks;
    private string? _chosen;
    private bool _busy;
    private string? _error;

    private bool Missing => Device.Missing;

    private string Leaving => Device.Path ?? $"the missing device {Device.DevId}";

    private long MinimumBytes => Device.SizeBytes;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _disks = (await Devices.ListDisksAsync(CancellationToken.None)).Where(d => d.Usable && d.SizeBytes >= MinimumBytes).ToList();
        }
        catch (RockstorException e)
        {
            _disks = [];
            _error = e.Message;
        }
    }

    private async Task ReplaceAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var operation = await Operations.ReplaceAsync(Pool, Device.DevId.ToString(CultureInfo.InvariantCulture), _chosen, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(operation));
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
