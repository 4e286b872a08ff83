using LiteDB;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Services;
using Rockstor.Infrastructure.Secrets;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class PairedApplianceDocument
{
    [BsonId]
    public string Id { get; set; } = "";

    public string Hostname { get; set; } = "";

    public string Host { get; set; } = "";

    public int ManagementPort { get; set; }

    public int ReplicationPort { get; set; }

    public string CertificateFingerprint { get; set; } = "";

    /// <summary>Encrypted (<see cref="StoredSecrets"/>); in clear only in a store written by an earlier version, until the next start.</summary>
    public string OutgoingCredential { get; set; } = "";

    public string IncomingCredentialHash { get; set; } = "";

    public DateTime PairedAt { get; set; }

    public string State { get; set; } = nameof(PairingState.Paired);

    public string? PendingFingerprint { get; set; }
}

internal sealed class ServiceSettingDocument
{
    [BsonId]
    public string Name { get; set; } = "";

    public bool Enabled { get; set; }
}

internal sealed class PairedApplianceRepository(RockstorDatabase db, StoredSecrets secrets) : IPairedApplianceRepository
{
    public IReadOnlyList<PairedAppliance> List() => db.PairedAppliances.FindAll().Select(ToAppliance).OrderBy(a => a.Hostname, StringComparer.Ordinal).ToList();

    public PairedAppliance? Find(string id) => db.PairedAppliances.FindById(id) is { } d ? ToAppliance(d) : null;

    public void Save(PairedAppliance a) => db.PairedAppliances.Upsert(new PairedApplianceDocument
    {
        Id = a.Id,
        Hostname = a.Hostname,
        Host = a.Host,
        ManagementPort = a.ManagementPort,
        ReplicationPort = a.ReplicationPort,
        CertificateFingerprint = a.CertificateFingerprint,
        OutgoingCredential = secrets.ProtectPeerCredential(a.OutgoingCredential),
        IncomingCredentialHash = a.IncomingCredentialHash,
        PairedAt = a.PairedAt.UtcDateTime,
        State = a.State.ToString(),
        PendingFingerprint = a.PendingFingerprint,
    });

    public void Remove(string id) => db.PairedAppliances.Delete(new BsonValue(id));

    /// <summary>Encrypts the credentials an earlier version stored in clear; returns how many.</summary>
    public int ProtectStoredInClear()
    {
        var clear = db.PairedAppliances.FindAll().Where(d => !StoredSecrets.IsProtected(d.OutgoingCredential)).ToList();
        foreach (var document in clear)
        {
            document.OutgoingCredential = secrets.ProtectPeerCredential(document.OutgoingCredential);
            db.PairedAppliances.Update(document);
        }

        return clear.Count;
    }

    private PairedAppliance ToAppliance(PairedApplianceDocument d) => new()
    {
        Id = d.Id,
        Hostname = d.Hostname,
        Host = d.Host,
        ManagementPort = d.ManagementPort,
        ReplicationPort = d.ReplicationPort,
        CertificateFingerprint = d.CertificateFingerprint,
        OutgoingCredential = secrets.UnprotectPeerCredential(d.OutgoingCredential, d.Hostname),
        IncomingCredentialHash = d.IncomingCredentialHash,
        PairedAt = PoolRepository.Utc(d.PairedAt),
        State = Enum.Parse<PairingState>(d.State),
        PendingFingerprint = d.PendingFingerprint,
    };
}

internal sealed class ServiceSettings(RockstorDatabase db) : IServiceSettings
{
    public IReadOnlyDictionary<string, bool> Load() => db.ServiceSettings.FindAll().ToDictionary(s => s.Name, s => s.Enabled, StringComparer.Ordinal);

    public void SetEnabled(string name, bool enabled) => db.ServiceSettings.Upsert(new ServiceSettingDocument { Name = name, Enabled = enabled });
}
