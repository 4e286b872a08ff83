namespace Rockstor.Domain.Appliances;

/// <summary>This appliance's identity: an id made at first start (it may start with a digit) and the hostname set at setup.</summary>
public sealed class ApplianceInfo
{
    public required string Id { get; init; }

    public string? Hostname { get; set; }
}
