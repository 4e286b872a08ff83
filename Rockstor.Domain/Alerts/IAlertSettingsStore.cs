namespace Rockstor.Domain.Alerts;

public interface IAlertSettingsStore
{
    AlertSettings Load();

    void Save(AlertSettings settings);
}
