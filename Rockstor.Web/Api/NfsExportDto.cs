using Rockstor.Domain.Nfs;

namespace Rockstor.Web.Api;

/// <summary>A share's NFS export: the pseudo path clients mount (/share) and its client entries.</summary>
public sealed record NfsExportDto(string Share, bool Enabled, string Path, IReadOnlyList<NfsClientDto> Clients)
{
    public static NfsExportDto From(NfsExport e) =>
        new(e.Share, e.Enabled, "/" + e.Share, e.Clients.Select(c => new NfsClientDto(c.Host, c.ReadOnly ? "ro" : "rw", c.RootSquash, c.AllSquash)).ToList());
}
