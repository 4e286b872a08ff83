namespace Rockstor.Domain.Alerts;

public enum AlertNoticeKind
{
    Raised,
    Resolved,

    /// <summary>The admin checking the settings ("Send a test").</summary>
    Test,
}
