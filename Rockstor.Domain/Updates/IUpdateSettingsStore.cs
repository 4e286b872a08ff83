namespace Rockstor.Domain.Updates;

public interface IUpdateSettingsStore
{
    UpdateSettings Load();

    void Save(UpdateSettings settings);
}
