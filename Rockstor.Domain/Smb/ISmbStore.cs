namespace Rockstor.Domain.Smb;

/// <summary>The store's SMB exports (one per share that has ever been exported) and the Samba settings.</summary>
public interface ISmbStore
{
    SmbSettings LoadSettings();

    void SaveSettings(SmbSettings settings);

    IReadOnlyList<SmbExport> Exports();

    SmbExport? Find(string share);

    void Save(SmbExport export);

    void Remove(string share);
}
