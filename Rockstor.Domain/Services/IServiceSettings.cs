namespace Rockstor.Domain.Services;

/// <summary>Which services the admin turned on; read once at start, written only when a switch changes.</summary>
public interface IServiceSettings
{
    IReadOnlyDictionary<string, bool> Load();

    void SetEnabled(string name, bool enabled);
}
