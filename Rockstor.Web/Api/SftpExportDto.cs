using Rockstor.Domain.Sftp;

namespace Rockstor.Web.Api;

public sealed record SftpExportDto(string Share, bool Enabled, IReadOnlyList<string> Users)
{
    public static SftpExportDto From(SftpExport e) => new(e.Share, e.Enabled, e.Users);
}
