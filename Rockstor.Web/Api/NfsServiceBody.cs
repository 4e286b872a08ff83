namespace Rockstor.Web.Api;

/// <summary>PUT /api/services/nfs: on or off, and NFSv3 beside v4 (null: as they are).</summary>
public sealed record NfsServiceBody(bool? Enabled = null, bool? V3 = null);
