using Rockstor.Domain.Alerts;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Alerts;

/// <summary>The webhook channel posting to a real HTTP endpoint on this machine's loopback.</summary>
public sealed class WebhookAlertChannelTests : IDisposable
{
    private static readonly AlertNotice Notice = new(
        new Alert { Kind = AlertKind.RunFailed, TaskId = 7, Subject = "docs to nas2 (pool tank)", Message = "cut", RaisedAt = DateTimeOffset.UtcNow },
        AlertNoticeKind.Raised,
        "0f3a9c2e",
        "nas1");

    private readonly WebhookSink _sink = new("127.0.0.1");
    private readonly WebhookAlertChannel _channel = new();

    public void Dispose() => _sink.Dispose();

    [Theory(Timeout = 30_000)]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task A_post_to_this_machine_is_refused_when_connecting_unless_the_settings_allow_it(string host)
    {
        var url = new Uri($"http://{host}:{_sink.Port}/hooks/rockstor");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => _channel.SendAsync(Notice, new AlertSettings(null, url), CancellationToken.None));

        Assert.Contains("is this appliance (a loopback address", refused.Message, StringComparison.Ordinal);
        await Waiting.ThroughoutAsync(() => Assert.Equal(0, _sink.Count), TimeSpan.FromMilliseconds(500));

        await _channel.SendAsync(Notice, new AlertSettings(null, url, AllowLoopbackWebhook: true), CancellationToken.None);

        Assert.Contains("\"taskId\":7", await _sink.NextAsync(TimeSpan.FromSeconds(10)), StringComparison.Ordinal);
    }
}
