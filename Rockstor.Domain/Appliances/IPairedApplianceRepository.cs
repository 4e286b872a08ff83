namespace Rockstor.Domain.Appliances;

public interface IPairedApplianceRepository
{
    IReadOnlyList<PairedAppliance> List();

    PairedAppliance? Find(string id);

    /// <summary>Adds the appliance, or replaces the one with the same id (a re-pairing).</summary>
    void Save(PairedAppliance appliance);

    void Remove(string id);
}
