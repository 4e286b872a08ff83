namespace Rockstor.Domain.Users;

/// <summary>What the machine is asked to create: checked values only.</summary>
/// <param name="Name">A checked account name.</param>
/// <param name="Uid">The user id.</param>
/// <param name="PrimaryGroup">An existing group.</param>
/// <param name="FullName">The comment field, or null.</param>
/// <param name="Shell">The login shell; null for none.</param>
public sealed record NewSystemUser(string Name, int Uid, string PrimaryGroup, string? FullName, string? Shell);
