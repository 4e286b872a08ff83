using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Common;
using Rockstor.Domain.Dashboard;
using Rockstor.Domain.Dashboard.Forecast;

namespace Rockstor.Web.Components.Pages.Dashboard;

/// <summary>
/// Health at a glance, live: watches the <see cref="DashboardFeed"/> from the moment it opens until it is
/// left (the feed samples only while someone watches), and draws each snapshot.
/// </summary>
public partial class DashboardPage
{
    private readonly TimeSeriesChartOptions _cpuOptions = new()
    {
        ShowLegend = false,
        TimeLabelFormat = "HH:mm",
        TimeLabelSpacing = TimeSpan.FromMinutes(1),
        YAxisSuggestedMax = 100,
        YAxisRequireZeroPoint = true,
    };

    private readonly TimeSeriesChartOptions _networkOptions = new()
    {
        TimeLabelFormat = "HH:mm",
        TimeLabelSpacing = TimeSpan.FromMinutes(1),
        YAxisToStringFunc = Rate,
        YAxisRequireZeroPoint = true,
    };

    private readonly BarChartOptions _poolOptions = new() { ShowLegend = false, YAxisSuggestedMax = 100 };

    private DashboardSnapshot? _snapshot;
    private IDisposable? _watching;
    private volatile bool _disposed;

    [Inject]
    private DashboardFeed Feed { get; set; } = default!;

    private double MemoryPercent => _snapshot is { Load.Memory: { TotalBytes: > 0 } memory } ? 100.0 * memory.UsedBytes / memory.TotalBytes : 0;

    private List<ChartSeries<double>> CpuSeries =>
    [
        new() { Name = "CPU %", Data = new ChartData<double>(Points(p => p.CpuPercent)) },
    ];

    private List<ChartSeries<double>> NetworkSeries =>
    [
        new() { Name = "Received", Data = new ChartData<double>(Points(p => p.ReceivedBytesPerSecond)) },
        new() { Name = "Sent", Data = new ChartData<double>(Points(p => p.SentBytesPerSecond)) },
    ];

    private string[] PoolLabels => _snapshot?.Pools.Select(p => p.Name).ToArray() ?? [];

    private List<ChartSeries<double>> PoolSeries =>
    [
        new() { Name = "Used %", Data = new ChartData<double>(_snapshot?.Pools.Select(p => p.Percent).ToList() ?? []) },
    ];

    protected override void OnInitialized() => _watching = Feed.Watch(OnSnapshot);

    public void Dispose()
    {
        _disposed = true;
        _watching?.Dispose();
    }

    private void OnSnapshot(DashboardSnapshot snapshot)
    {
        if (_disposed)
        {
            return;
        }

        _ = InvokeAsync(() =>
        {
            _snapshot = snapshot;
            StateHasChanged();
        });
    }

    private List<(DateTime, double)> Points(Func<LoadPoint, double> value) =>
        _snapshot?.Recent.Select(p => (p.At.UtcDateTime, value(p))).ToList() ?? [];

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Rate(double bytesPerSecond) => Bytes.Format((long)bytesPerSecond) + "/s";

    private static string Uptime(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        return span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h" : span.TotalHours >= 1 ? $"{span.Hours} h {span.Minutes} min" : $"{span.Minutes} min";
    }

    private static string Forecast(FillForecast forecast) => forecast.Kind switch
    {
        ForecastKind.Filling when forecast.FullAt is { } full => $"full around {full.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({Bytes.Format((long)forecast.BytesPerDay)} a day)",
        ForecastKind.NotFilling => "not filling",
        _ => "not enough history yet",
    };
}
