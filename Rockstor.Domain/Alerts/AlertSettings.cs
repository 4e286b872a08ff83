namespace Rockstor.Domain.Alerts;
/// <summary>
/// The alert channels: email and/or a webhook; neither means alerts only show in the web-ui. A webhook on
/// this machine (a loopback address) is refused unless <paramref name="AllowLoopbackWebhook"/> says so.
/// </summary>
public sealed record AlertSettings(EmailSettings? Email, Uri? WebhookUrl, bool AllowLoopbackWebhook = false)
{
    public static AlertSettings None { get; } = new(null, null);
}
