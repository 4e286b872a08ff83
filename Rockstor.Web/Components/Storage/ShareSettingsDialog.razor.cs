using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;

namespace Rockstor.Web.Components.Storage;

/// <summary>A share's owner, group, permissions, size limit and compression; a refusal shows in the dialog.</summary>
public sealed partial class ShareSettingsDialog
{
    private IReadOnlyList<string> _owners = [];
    private IReadOnlyList<string> _groups = [];
    private string _owner = ShareAccess.Root;
    private string _group = ShareAccess.Root;
    private string _mode = ShareAccess.DefaultMode;
    private double _limitGiB;
    private string _compression = "off";
    private string? _error;
    private bool _busy;

    [Parameter]
    [EditorRequired]
    public Share Share { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private ShareService ShareService { get; set; } = default!;

    [Inject]
    private UserService UserService { get; set; } = default!;

    [Inject]
    private GroupService GroupService { get; set; } = default!;

    protected override void OnInitialized()
    {
        _owners = [ShareAccess.Root, .. UserService.List().Where(u => u.Managed).Select(u => u.Name)];
        _groups = [ShareAccess.Root, AccountResolver.UsersGroup, .. GroupService.List().Where(g => g.Managed).Select(g => g.Name)];
        _owner = Share.Owner;
        _group = Share.Group;
        _mode = Share.Mode;
        _limitGiB = Math.Round(Share.SizeLimitBytes / (double)(1L << 30), 3);
        _compression = Share.Compression.ToString().ToLowerInvariant();
    }

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var limitChanged = Math.Abs(_limitGiB - Share.SizeLimitBytes / (double)(1L << 30)) > 0.0005;
            await ShareService.ChangeAsync(Share.Name, new ShareChange(_owner, _group, _mode, limitChanged ? _limitGiB : null, _compression), CancellationToken.None);
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
}
