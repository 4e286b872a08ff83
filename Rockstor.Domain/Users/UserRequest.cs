namespace Rockstor.Domain.Users;

/// <summary>A new user as asked for; <see cref="UserService"/> checks every field.</summary>
/// <param name="Name">The account name.</param>
/// <param name="Password">The password for file access (and, later, SFTP).</param>
/// <param name="FullName">Shown beside the name.</param>
/// <param name="Uid">Null for the next free id.</param>
/// <param name="PrimaryGroup">Null for a new group named after the user.</param>
/// <param name="Shell">Null or empty for no login (the default).</param>
/// <param name="PublicKey">One OpenSSH public key line, for SFTP.</param>
public sealed record UserRequest(
    string? Name,
    string? Password,
    string? FullName = null,
    int? Uid = null,
    string? PrimaryGroup = null,
    string? Shell = null,
    string? PublicKey = null);
