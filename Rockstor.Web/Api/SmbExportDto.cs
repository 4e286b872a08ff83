using Rockstor.Domain.Smb;

namespace Rockstor.Web.Api;

public sealed record SmbExportDto(
    string Share,
    bool Enabled,
    bool Browsable,
    bool ReadOnly,
    bool Guest,
    IReadOnlyList<string> Users,
    IReadOnlyList<string> Groups,
    bool PreviousVersions,
    bool TimeMachine)
{
    public static SmbExportDto From(SmbExport e) =>
        new(e.Share, e.Enabled, e.Browsable, e.ReadOnly, e.Guest, e.Users, e.Groups, e.PreviousVersions, e.TimeMachine);
}
