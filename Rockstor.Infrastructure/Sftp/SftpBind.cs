namespace Rockstor.Infrastructure.Sftp;

/// <summary>A share shown in a user's locked view: the share's folder bound onto <see cref="SftpLayout.ShareFolder"/>.</summary>
public sealed record SftpBind(string User, string Share, string Source);
