using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools;

namespace Rockstor.Web.Components.Storage;

/// <summary>A pool's compression and mount options, applied at once by remounting it, and its scrub schedule.</summary>
public sealed partial class PoolSettingsDialog
{
    private const string ScrubLabel = "Scrub schedule (cron in UTC, e.g. @monthly or 0 3 1 * *; empty: none)";

    private static readonly string[] Compressions = ["off", "zstd", "zstd:1", "zstd:3", "zstd:9", "zstd:15", "lzo"];

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private PoolService PoolService { get; set; } = default!;

    [Inject]
    private Domain.Pools.Scrubs.ScrubScheduleService Scrubs { get; set; } = default!;

    [Parameter]
    [EditorRequired]
    public Pool Pool { get; set; } = default!;

    private string _compression = "off";
    private bool _noatime;
    private bool _autodefrag;
    private bool _discard;
    private bool _flushOnCommit;
    private bool _spaceCache;
    private int _commit;
    private string? _scrubSchedule;
    private string? _error;
    private bool _busy;

    protected override void OnInitialized()
    {
        var options = Pool.MountOptions.Options;
        _scrubSchedule = Pool.ScrubSchedule;
        _compression = Pool.MountOptions.Compression ?? "off";
        _noatime = options.Contains("noatime");
        _autodefrag = options.Contains("autodefrag");
        _discard = options.Contains("discard=async");
        _flushOnCommit = options.Contains("flushoncommit");
        _spaceCache = options.Contains("space_cache=v2");
        _commit = options.FirstOrDefault(o => o.StartsWith("commit=", StringComparison.Ordinal)) is { } commit
            ? int.Parse(commit.AsSpan(7), CultureInfo.InvariantCulture)
            : 0;
    }

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            List<string> options =
            [
                .. _noatime ? ["noatime"] : Array.Empty<string>(),
                .. _autodefrag ? ["autodefrag"] : Array.Empty<string>(),
                .. _discard ? ["discard=async"] : Array.Empty<string>(),
                .. _flushOnCommit ? ["flushoncommit"] : Array.Empty<string>(),
                .. _spaceCache ? ["space_cache=v2"] : Array.Empty<string>(),
                .. _commit > 0 ? [string.Create(CultureInfo.InvariantCulture, $"commit={_commit}")] : Array.Empty<string>(),
            ];
            if ((_scrubSchedule ?? "") != (Pool.ScrubSchedule ?? ""))
            {
                await Scrubs.SetAsync(Pool.Name, _scrubSchedule, CancellationToken.None);
            }

            var view = await PoolService.SetMountOptionsAsync(Pool.Name, _compression, options, CancellationToken.None);
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
