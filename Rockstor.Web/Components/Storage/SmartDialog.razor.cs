using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Web.Components.Storage;

/// <summary>Shows a disk's SMART data and starts its self-tests (a running one's progress shows when the dialog is opened again).</summary>
public partial class SmartDialog
{
    private SmartReport? _report;
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance MudDialog { get; set; } = default!;

    [Inject]
    private SmartService Smart { get; set; } = default!;

    /// <summary>The disk, by its path or name.</summary>
    [Parameter, EditorRequired]
    public string Device { get; set; } = "";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _report = await Smart.ReadAsync(Device, CancellationToken.None);
        }
        catch (RockstorException e)
        {
            _error = e.Message;
        }
    }

    private async Task StartAsync(string kind)
    {
        _busy = true;
        _error = null;
        try
        {
            _report = await Smart.StartSelfTestAsync(Device, kind, CancellationToken.None);
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

    private static string Verdict(SmartReport report) => report.Passed switch
    {
        true => "The disk's own overall check passes.",
        false => "The disk's own overall check FAILS: copy what matters off it, and replace it.",
        null => "The disk gives no overall verdict.",
    };

    /// <summary>The figures the disk reports, in words (those it does not report are left out).</summary>
    private static IEnumerable<(string Label, string Value)> Figures(SmartReport report)
    {
        var v = report.Vitals;
        if (v.ReallocatedSectors is { } reallocated) yield return ("Reallocated sectors", reallocated.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (v.PendingSectors is { } pending) yield return ("Pending sectors", pending.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (v.UncorrectableSectors is { } uncorrectable) yield return ("Uncorrectable sectors", uncorrectable.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (v.MediaErrors is { } media) yield return ("Media errors", media.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (v.WearUsedPercent is { } wear) yield return ("Wear", $"{wear}% of its rated endurance used");
        if (v.TemperatureCelsius is { } temperature) yield return ("Temperature", $"{temperature} °C");
        if (v.PowerOnHours is { } hours) yield return ("Powered on", $"{hours} hours ({hours / 24 / 365.0:0.0} years)");
    }
}
