namespace Rockstor.Domain.Sftp;

/// <summary>The store's SFTP exports (one per share that has ever been offered) and the SFTP settings.</summary>
public interface ISftpStore
{
    SftpSettings LoadSettings();

    void SaveSettings(SftpSettings settings);

    IReadOnlyList<SftpExport> Exports();

    SftpExport? Find(string share);

    void Save(SftpExport export);

    void Remove(string share);
}
