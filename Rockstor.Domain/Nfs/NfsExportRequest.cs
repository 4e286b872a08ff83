namespace Rockstor.Domain.Nfs;

/// <summary>An export as asked for (PUT /api/shares/{name}/nfs): on or off, and who may mount the share.</summary>
public sealed record NfsExportRequest(bool Enabled, IReadOnlyList<NfsClientRequest>? Clients = null);
