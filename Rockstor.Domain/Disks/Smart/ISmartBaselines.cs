namespace Rockstor.Domain.Disks.Smart;

/// <summary>The disks' sector counts as last seen, by serial; written only when they change.</summary>
public interface ISmartBaselines
{
    SmartBaseline? Find(string serial);

    void Save(SmartBaseline baseline);
}
