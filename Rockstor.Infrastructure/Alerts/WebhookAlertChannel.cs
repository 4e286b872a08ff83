using System.Text.Json;
using Rockstor.Domain.Alerts;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>Posts alerts as JSON to the webhook address in the settings.</summary>
internal sealed class WebhookAlertChannel : IAlertChannel, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) };

    public string Name => "webhook";

    public bool IsConfigured(AlertSettings settings) => settings.WebhookUrl is not null;

    public async Task SendAsync(AlertNotice notice, AlertSettings settings, CancellationToken ct)
    {
        var url = settings.WebhookUrl ?? throw new InvalidOperationException("No webhook is set up.");
        var alert = notice.Alert;
        var body = new WebhookBody(
            ToCamel(notice.Kind.ToString()),
            ToCamel(alert.Kind.ToString()),
            alert.TaskId,
            alert.Subject,
            alert.Message,
            alert.RaisedAt,
            alert.ResolvedAt,
            new WebhookAppliance(notice.ApplianceId, notice.ApplianceHostname),
            SmtpAlertChannel.Subject(notice));
        try
        {
            // A body of known length (not chunked): the simplest receivers take it.
            using var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Json));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            using var response = await _http.PostAsync(url, content, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{url} did not answer within {_http.Timeout.TotalSeconds:0} s.");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>What a webhook receives; <c>text</c> is a one-line summary for chat services.</summary>
    private sealed record WebhookBody(
        string Event,
        string Kind,
        int TaskId,
        string Subject,
        string Message,
        DateTimeOffset RaisedAt,
        DateTimeOffset? ResolvedAt,
        WebhookAppliance Appliance,
        string Text);

    private sealed record WebhookAppliance(string Id, string Hostname);
}
