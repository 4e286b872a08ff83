using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Tests.Fakes;

/// <summary>This appliance's identity: id 0f3a9c2e, hostname nas1, unless told another.</summary>
public sealed class ThisAppliance(string id = "0f3a9c2e", string hostname = "nas1") : IApplianceStore
{
    public ApplianceInfo? Get() => new() { Id = id, Hostname = hostname };

    public void Save(ApplianceInfo appliance) => throw new NotSupportedException();
}
