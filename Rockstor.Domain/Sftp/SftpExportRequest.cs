namespace Rockstor.Domain.Sftp;

/// <summary>An export as asked for (PUT /api/shares/{name}/sftp); no users means none.</summary>
public sealed record SftpExportRequest(bool Enabled, IReadOnlyList<string>? Users = null);
