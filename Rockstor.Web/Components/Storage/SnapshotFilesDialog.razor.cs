using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots.Files;
using Rockstor.Web.Components.Shared;

namespace Rockstor.Web.Components.Storage;

/// <summary>
/// A snapshot's files: folders opened one at a time, a page of entries at a time, searched by name; a
/// file or a folder (as a zip) downloaded through the API's download route, which the browser streams,
/// or restored into the live share, beside the current version or in its place.
/// </summary>
public sealed partial class SnapshotFilesDialog
{
    private const int Page = SnapshotFileService.DefaultPage;

    private SnapshotFilePath _path = SnapshotFilePath.Top;
    private IReadOnlyList<SnapshotEntry> _entries = [];
    private int _total;
    private int _skip;
    private string? _search;
    private string? _error;
    private bool _restoring;
    private RestoreProgress? _progress;
    private CancellationTokenSource? _cancelRestore;

    [Parameter]
    [EditorRequired]
    public string Share { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public string Snapshot { get; set; } = "";

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SnapshotFileService Files { get; set; } = default!;

    [Inject]
    private SnapshotRestoreService Restores { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized() => Load();

    private Task OpenAsync(SnapshotFilePath path)
    {
        _path = path;
        _skip = 0;
        _search = null;
        Load();
        return Task.CompletedTask;
    }

    private Task SearchAsync(string? search)
    {
        _search = search;
        _skip = 0;
        Load();
        return Task.CompletedTask;
    }

    private Task PageAsync(int direction)
    {
        _skip = Math.Max(0, _skip + (direction * Page));
        Load();
        return Task.CompletedTask;
    }

    private void Load()
    {
        _error = null;
        try
        {
            var page = Files.List(Share, Snapshot, _path.ToString(), _search, _skip, Page);
            (_entries, _total) = (page.Entries, page.Total);
        }
        catch (RockstorException e)
        {
            (_entries, _total, _error) = ([], 0, e.Message);
        }
    }

    /// <summary>Asks where the old version goes: beside the current one, or in its place (the current one kept in a snapshot first).</summary>
    private async Task RestoreAsync(SnapshotEntry entry)
    {
        var path = _path.Child(entry.Name);
        var choice = await Dialogs.ShowMessageBoxAsync(
            $"Restore {entry.Name}",
            $"Put '{path}' as it was in {Snapshot} back into the share: beside the current version (as \"{entry.Name} (restored …)\"), or in its place? In its place, the share as it is now is kept in a snapshot first.",
            yesText: "Beside",
            noText: "In its place",
            cancelText: "Cancel");
        if (choice is not { } beside)
        {
            return;
        }

        _restoring = true;
        _progress = null;
        using var cancel = new CancellationTokenSource();
        _cancelRestore = cancel;
        var shown = -1.0;
        var progress = new Progress<RestoreProgress>(p =>
        {
            _progress = p;
            if (p.Percent - shown >= 1 || p.Done == p.Total)
            {
                shown = p.Percent;
                _ = InvokeAsync(StateHasChanged);
            }
        });
        try
        {
            await Snackbar.TryAsync(async () =>
            {
                var result = await Restores.RestoreAsync(Share, Snapshot, [path.ToString()], beside ? "beside" : "replace", cancel.Token, progress);
                var done = result.Restored[0];
                Snackbar.Add(
                    result.KeptIn is { } kept ? $"'{done.To}' restored; what it replaced is kept in snapshot {kept}." : $"Restored as '{done.To}'.",
                    Severity.Success);
            });
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Snackbar.Add($"Restore of '{path}' cancelled: what it had copied was removed, and the share is as it was.", Severity.Info);
        }
        finally
        {
            _restoring = false;
            _cancelRestore = null;
        }
    }

    private void CancelRestore() => _cancelRestore?.Cancel();

    private SnapshotFilePath Prefix(int depth) => SnapshotFilePath.Parse(string.Join('/', _path.Names.Take(depth)));

    private string Showing() => _total == 0 ? "Nothing here." : $"{_skip + 1}–{_skip + _entries.Count} of {_total}";

    private string DownloadLink(SnapshotFilePath path) =>
        $"/api/shares/{Uri.EscapeDataString(Share)}/snapshots/{Uri.EscapeDataString(Snapshot)}/download?path={Uri.EscapeDataString(path.ToString())}";
}
