namespace Rockstor.Domain.Smb;

/// <summary>The Samba service's own settings: the workgroup and the admin's extra global options.</summary>
public sealed record SmbSettings
{
    public const string DefaultWorkgroup = "WORKGROUP";

    public string Workgroup { get; init; } = DefaultWorkgroup;

    /// <summary>Lines "name = value" added to [global], each checked by <see cref="SmbRules"/> and by testparm.</summary>
    public IReadOnlyList<string> GlobalOptions { get; init; } = [];
}
