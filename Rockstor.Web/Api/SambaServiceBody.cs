namespace Rockstor.Web.Api;

/// <summary>PUT /api/services/samba: on or off, and the settings to change on the way (null: as they are).</summary>
public sealed record SambaServiceBody(bool Enabled, string? Workgroup = null, IReadOnlyList<string>? GlobalOptions = null);
