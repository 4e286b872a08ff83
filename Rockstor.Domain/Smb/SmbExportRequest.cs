namespace Rockstor.Domain.Smb;

/// <summary>An export as asked for (PUT /api/shares/{name}/smb); a missing field takes its default.</summary>
public sealed record SmbExportRequest(
    bool Enabled,
    bool? Browsable = null,
    bool? ReadOnly = null,
    bool? Guest = null,
    IReadOnlyList<string>? Users = null,
    IReadOnlyList<string>? Groups = null,
    bool? PreviousVersions = null,
    bool? TimeMachine = null);
