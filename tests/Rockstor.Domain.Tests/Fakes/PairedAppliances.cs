using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Paired appliances in a list.</summary>
public sealed class PairedAppliances : IPairedApplianceRepository
{
    private readonly List<PairedAppliance> _all = [];

    public PairedAppliance Add(string id, string hostname, string host = "10.0.0.2")
    {
        var appliance = new PairedAppliance
        {
            Id = id,
            Hostname = hostname,
            Host = host,
            ManagementPort = 8443,
            ReplicationPort = 10002,
            CertificateFingerprint = "",
            OutgoingCredential = "",
            IncomingCredentialHash = "",
            PairedAt = DateTimeOffset.UnixEpoch,
        };
        _all.Add(appliance);
        return appliance;
    }

    public IReadOnlyList<PairedAppliance> List() => _all;

    public PairedAppliance? Find(string id) => _all.FirstOrDefault(a => a.Id == id);

    public void Save(PairedAppliance appliance)
    {
        _all.RemoveAll(a => a.Id == appliance.Id);
        _all.Add(appliance);
    }

    public void Remove(string id) => _all.RemoveAll(a => a.Id == id);
}
