using Rockstor.Domain.Alerts;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>The alert settings last saved, or none.</summary>
public sealed class AlertSettingsRecord : IAlertSettingsStore
{
    public AlertSettings? Saved { get; private set; }

    public AlertSettings Load() => Saved ?? AlertSettings.None;

    public void Save(AlertSettings settings) => Saved = settings;
}
