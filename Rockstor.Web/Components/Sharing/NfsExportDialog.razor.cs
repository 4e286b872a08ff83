using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Shares;

namespace Rockstor.Web.Components.Sharing;

/// <summary>How one share is exported over NFS: on or off, and its client entries, each with its access and squashing.</summary>
public sealed partial class NfsExportDialog
{
    private readonly List<ClientRow> _clients = [];
    private bool _enabled;
    private bool _replica;
    private string? _error;
    private bool _busy;

    [Parameter]
    [EditorRequired]
    public Share Share { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private NfsService Nfs { get; set; } = default!;

    protected override void OnInitialized()
    {
        var export = Nfs.Get(Share.Name);
        _replica = Share.Kind == ShareKind.Replica;
        _enabled = export.Enabled;
        _clients.AddRange(export.Clients.Select(c => new ClientRow { Host = c.Host, Access = c.ReadOnly ? "ro" : "rw", RootSquash = c.RootSquash, AllSquash = c.AllSquash }));
        if (_clients.Count == 0 && !_replica)
        {
            Add();
        }
    }

    private void Add() => _clients.Add(new ClientRow());

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            // A row left empty is not a client: it is dropped rather than refused.
            var clients = _clients.Where(c => !string.IsNullOrWhiteSpace(c.Host))
                .Select(c => new NfsClientRequest(c.Host, c.Access, c.RootSquash, c.AllSquash))
                .ToList();
            await Nfs.SetAsync(Share.Name, new NfsExportRequest(_enabled, clients), CancellationToken.None);
            MudDialog.Close(DialogResult.Ok(Share.Name));
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

    /// <summary>One client entry as the form edits it.</summary>
    private sealed class ClientRow
    {
        public string Host { get; set; } = "";

        public string Access { get; set; } = "rw";

        public bool RootSquash { get; set; } = true;

        public bool AllSquash { get; set; }
    }
}
