namespace Rockstor.Domain.Sftp;

/// <summary>Changes to the SFTP service's settings; a null field stays as it is.</summary>
public sealed record SftpSettingsRequest(int? Port = null);
