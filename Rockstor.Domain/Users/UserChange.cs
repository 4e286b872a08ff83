namespace Rockstor.Domain.Users;

/// <summary>Changes to a user: a null field stays as it is; an empty shell, full name or key removes it.</summary>
public sealed record UserChange(
    string? Password = null,
    string? FullName = null,
    string? PrimaryGroup = null,
    string? Shell = null,
    string? PublicKey = null);
