namespace Rockstor.Web.Api;

/// <summary>PUT /api/services/samba: on or off, and the settings to change on the way (null: as they are; no <c>enabled</c>: the service stays as it is).</summary>
public sealed record SambaServiceBody(bool? Enabled = null, string? Workgroup = null, IReadOnlyList<string>? GlobalOptions = null);
