namespace Rockstor.Domain.Users;

/// <summary>
/// A user as the Users screen shows it. <see cref="Managed"/> is false for the system's accounts and
/// accounts this appliance did not create: those are shown, never changed.
/// </summary>
public sealed record UserView(
    string Name,
    int Uid,
    string PrimaryGroup,
    string? FullName,
    string? Shell,
    string? PublicKey,
    IReadOnlyList<string> Groups,
    bool Managed,
    IReadOnlyList<string> Shares);
