namespace Rockstor.Web.Api;

/// <summary>PUT /api/services/sftp: on or off, and the port to change on the way (null: as it is; no <c>enabled</c>: the service stays as it is).</summary>
public sealed record SftpServiceBody(bool? Enabled = null, int? Port = null);
