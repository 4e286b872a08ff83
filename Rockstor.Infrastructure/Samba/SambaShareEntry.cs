using Rockstor.Domain.Smb;

namespace Rockstor.Infrastructure.Samba;

/// <summary>One exported share as the configuration names it: its folder, and where its previous versions are mapped (null for none).</summary>
public sealed record SambaShareEntry(SmbExport Export, string Path, string? ShadowDirectory);
