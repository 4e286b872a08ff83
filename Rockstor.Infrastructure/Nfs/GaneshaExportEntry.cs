using Rockstor.Domain.Nfs;

namespace Rockstor.Infrastructure.Nfs;

/// <summary>An export as the configuration needs it: the export, the share's folder, and its owner's ids (for all-squash).</summary>
public sealed record GaneshaExportEntry(NfsExport Export, string Path, int OwnerUid, int OwnerGid);
