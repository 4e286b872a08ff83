namespace Rockstor.Domain.Smb;

/// <summary>Changes to the Samba service's settings; a null field stays as it is.</summary>
public sealed record SmbSettingsRequest(string? Workgroup = null, IReadOnlyList<string>? GlobalOptions = null);
