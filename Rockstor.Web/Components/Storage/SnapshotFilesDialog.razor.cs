using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Components.Storage;

/// <summary>
/// A snapshot's files: folders opened one at a time, a page of entries at a time, searched by name, and
/// a file or a folder (as a zip) downloaded through the API's download route, which the browser streams.
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

    private SnapshotFilePath Prefix(int depth) => SnapshotFilePath.Parse(string.Join('/', _path.Names.Take(depth)));

    private string Showing() => _total == 0 ? "Nothing here." : $"{_skip + 1}–{_skip + _entries.Count} of {_total}";

    private string DownloadLink(SnapshotFilePath path) =>
        $"/api/shares/{Uri.EscapeDataString(Share)}/snapshots/{Uri.EscapeDataString(Snapshot)}/download?path={Uri.EscapeDataString(path.ToString())}";
}
