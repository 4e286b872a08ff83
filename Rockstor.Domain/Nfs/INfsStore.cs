namespace Rockstor.Domain.Nfs;

/// <summary>The store's NFS exports (one per share that has ever been exported) and the NFS settings.</summary>
public interface INfsStore
{
    NfsSettings LoadSettings();

    void SaveSettings(NfsSettings settings);

    IReadOnlyList<NfsExport> Exports();

    NfsExport? Find(string share);

    /// <summary>An export id never given before, to a share that had none (see <see cref="NfsExport.ExportId"/>).</summary>
    int NewExportId();

    void Save(NfsExport export);

    void Remove(string share);
}
