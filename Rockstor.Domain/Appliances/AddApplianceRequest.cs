namespace Rockstor.Domain.Appliances;

public sealed record AddApplianceRequest(string? Host, int ManagementPort, string? Username, string? Password, string? Fingerprint = null);
