namespace Rockstor.Domain.Users;

/// <summary>What the machine is asked to create: checked values only.</summary>
/// <param name="Name">A checked account name.</param>
/// <param name="Uid">The user id; null to let the system take the next free one.</param>
/// <param name="PrimaryGroup">An existing group; null to make a group named after the user.</param>
/// <param name="FullName">The comment field, or null.</param>
/// <param name="Shell">The login shell; null for none.</param>
public sealed record NewSystemUser(string Name, int? Uid, string? PrimaryGroup, string? FullName, string? Shell);
