using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rockstor.Domain.Alerts;

namespace Rockstor.Infrastructure.Alerts;

/// <summary>
/// Posts alerts as JSON to the webhook address in the settings. It resolves the host itself and connects
/// to the addresses it checked, so a name that turns into a loopback address after the settings were saved
/// is refused too (unless the settings allow loopback webhooks).
/// </summary>
internal sealed class WebhookAlertChannel : IAlertChannel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan PostTimeout = TimeSpan.FromSeconds(15);

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
            alert.Pool,
            alert.About,
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
            using var http = Client(url, settings.AllowLoopbackWebhook);
            using var response = await http.PostAsync(url, content, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{url} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
            }
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedTarget refused)
        {
            throw new HttpRequestException(refused.Message, refused);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"{url} did not answer within {PostTimeout.TotalSeconds:0} s.");
        }
    }

    /// <summary>A client for one post (alerts are rare) that connects only where <see cref="WebhookTarget"/> allows.</summary>
    private static HttpClient Client(Uri url, bool allowLoopback) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, ct).ConfigureAwait(false);
            if (WebhookTarget.Refusal(url, addresses, allowLoopback) is { } refusal)
            {
                throw new RefusedTarget(refusal);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        Timeout = PostTimeout,
    };

    private static string ToCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    /// <summary>What a webhook receives; <c>text</c> is a one-line summary for chat services.</summary>
    private sealed record WebhookBody(
        string Event,
        string Kind,
        int TaskId,
        string? Pool,
        string? About,
        string Subject,
        string Message,
        DateTimeOffset RaisedAt,
        DateTimeOffset? ResolvedAt,
        WebhookAppliance Appliance,
        string Text);

    private sealed record WebhookAppliance(string Id, string Hostname);

    /// <summary>The webhook's host is this machine and the settings do not allow it.</summary>
    private sealed class RefusedTarget(string message) : IOException(message);
}
