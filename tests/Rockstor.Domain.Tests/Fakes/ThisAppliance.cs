using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>This appliance's identity: id 0f3a9c2e, hostname nas1.</summary>
public sealed class ThisAppliance : IApplianceStore
{
    public ApplianceInfo? Get() => new() { Id = "0f3a9c2e", Hostname = "nas1" };

    public void Save(ApplianceInfo appliance) => throw new NotSupportedException();
}
