namespace Rockstor.Domain.Alerts;
/// <summary>
/// The alert channels: email and/or a webhook; neither means alerts only show in the web-ui. A webhook on
/// this machine (a loopback address) is refused unless <paramref name="AllowLoopbackWebhook"/> says so. A
/// pool fuller than <paramref name="CapacityWarnPercent"/>, then <paramref name="CapacityCriticalPercent"/>,
/// raises an alert. <paramref name="WeeklyReport"/>: a status report is mailed every week (when email is set up).
/// </summary>
public sealed record AlertSettings(
    EmailSettings? Email,
    Uri? WebhookUrl,
    bool AllowLoopbackWebhook = false,
    int CapacityWarnPercent = AlertSettings.DefaultWarnPercent,
    int CapacityCriticalPercent = AlertSettings.DefaultCriticalPercent,
    bool WeeklyReport = true)
{
    public const int DefaultWarnPercent = 80;

    public const int DefaultCriticalPercent = 90;

    public static AlertSettings None { get; } = new(null, null);
}
