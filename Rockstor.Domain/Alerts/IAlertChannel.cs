namespace Rockstor.Domain.Alerts;

/// <summary>A way to tell the admin: email, a webhook.</summary>
public interface IAlertChannel
{
    /// <summary>"email", "webhook": how errors name it.</summary>
    string Name { get; }

    bool IsConfigured(AlertSettings settings);

    /// <summary>Tells the notice; throws with the reason when it could not.</summary>
    Task SendAsync(AlertNotice notice, AlertSettings settings, CancellationToken ct);
}
