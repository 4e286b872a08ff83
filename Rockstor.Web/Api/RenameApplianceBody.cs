namespace Rockstor.Web.Api;

/// <summary>PUT /api/appliance: the appliance's new hostname.</summary>
public sealed record RenameApplianceBody(string? Hostname);
