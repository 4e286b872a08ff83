using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;

namespace Rockstor.Web.Components.Storage;

/// <summary>Takes a snapshot of a share (read-only unless asked); a refusal shows in the dialog, the form kept as typed.</summary>
public sealed partial class SnapshotDialog
{
    private IReadOnlyList<string> _shares = [];
    private string? _share;
    private string _name = $"snap-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
    private bool _writable;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SnapshotService SnapshotService { get; set; } = default!;

    [Inject]
    private ShareService ShareService { get; set; } = default!;

    /// <summary>The share preselected (the Snapshots screen's filter, when it has one).</summary>
    [Parameter]
    public string? Share { get; set; }

    protected override void OnInitialized()
    {
        _shares = ShareService.Names();
        _share = Share ?? _shares.FirstOrDefault();
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var snapshot = await SnapshotService.CreateAsync(_share ?? throw new ValidationException("Choose a share."), _name, _writable, CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(snapshot.Name));
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
