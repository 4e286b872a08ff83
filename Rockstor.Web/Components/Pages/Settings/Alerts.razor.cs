using Microsoft.AspNetCore.Components;
using MudBlazor;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Common;

namespace Rockstor.Web.Components.Pages.Settings;

/// <summary>The alerts, live, and the settings of where they are sent.</summary>
public sealed partial class Alerts
{
    private IReadOnlyList<Alert> _alerts = [];
    private bool _showResolved;
    private string? _host;
    private int? _port;
    private SmtpSecurity _security = SmtpSecurity.StartTls;
    private string? _username;
    private string? _password;
    private bool _passwordSet;
    private string? _from;
    private string? _to;
    private string? _webhook;
    private bool _allowLoopbackWebhook;
    private int _warnPercent = AlertSettings.DefaultWarnPercent;
    private int _criticalPercent = AlertSettings.DefaultCriticalPercent;
    private bool _weeklyReport = true;
    private string? _error;
    private bool _busy;

    [Inject]
    private AlertService Service { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    public void Dispose() => Service.Changed -= OnChanged;

    protected override void OnInitialized()
    {
        Load();
        Show(Service.Settings());
        Service.Changed += OnChanged;
    }

    private void Load() => _alerts = Service.List(openOnly: !_showResolved);

    private void OnChanged() => InvokeAsync(() =>
    {
        Load();
        StateHasChanged();
    });

    private void ShowResolvedChanged(bool show)
    {
        _showResolved = show;
        Load();
    }

    private void Show(AlertSettings settings)
    {
        _host = settings.Email?.Host;
        _port = settings.Email?.Port;
        _security = settings.Email?.Security ?? SmtpSecurity.StartTls;
        _username = settings.Email?.Username;
        _passwordSet = settings.Email?.Password is not null;
        _password = null;
        _from = settings.Email?.From;
        _to = settings.Email is null ? null : string.Join(", ", settings.Email.To);
        _webhook = settings.WebhookUrl?.ToString();
        _allowLoopbackWebhook = settings.AllowLoopbackWebhook;
        (_warnPercent, _criticalPercent) = (settings.CapacityWarnPercent, settings.CapacityCriticalPercent);
        _weeklyReport = settings.WeeklyReport;
    }

    private async Task<bool> SaveAsync()
    {
        _error = null;
        try
        {
            var request = new AlertSettingsRequest(
                _host, _port, _security.ToString(), _username, string.IsNullOrEmpty(_password) ? null : _password, _from, _to, _webhook, _allowLoopbackWebhook, _warnPercent, _criticalPercent, _weeklyReport);
            Show(await Service.SaveSettingsAsync(request, CancellationToken.None));
            return true;
        }
        catch (RockstorException e)
        {
            _error = e.Message;
            return false;
        }
    }

    private async Task SaveClickedAsync()
    {
        if (await SaveAsync())
        {
            Snackbar.Add("Alert settings saved.", Severity.Success);
        }
    }

    private async Task TestAsync()
    {
        if (!await SaveAsync())
        {
            return;
        }

        _busy = true;
        try
        {
            foreach (var result in await Service.TestAsync(CancellationToken.None))
            {
                Snackbar.Add(
                    result.Error is null ? $"Test sent by {result.Channel}." : $"The test by {result.Channel} failed: {result.Error}",
                    result.Error is null ? Severity.Success : Severity.Error);
            }
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
