using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Shares;

namespace Rockstor.Web.Components.Storage;

/// <summary>Creates a share on a pool; a refusal (a bad name, a name taken) shows in the dialog, the form kept as typed.</summary>
public sealed partial class CreateShareDialog
{
    private IReadOnlyList<string> _pools = [];
    private string? _pool;
    private string _name = "";
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private ShareService ShareService { get; set; } = default!;

    [Inject]
    private PoolService PoolService { get; set; } = default!;

    protected override void OnInitialized()
    {
        _pools = PoolService.Names();
        _pool = _pools.FirstOrDefault();
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            if (_pool is null)
            {
                throw new ValidationException("Create a pool first.");
            }

            var view = await ShareService.CreateAsync(_pool, _name, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(view.Share.Name));
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
