namespace Rockstor.Domain.Appliances;

public interface IApplianceStore
{
    ApplianceInfo? Get();

    void Save(ApplianceInfo appliance);
}
