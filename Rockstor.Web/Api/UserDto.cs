using Rockstor.Domain.Users;

namespace Rockstor.Web.Api;

/// <summary>A user as the API shows it; <c>managed</c> false means shown only, never changed by the appliance.</summary>
public sealed record UserDto(
    string Name,
    int Uid,
    string PrimaryGroup,
    string? FullName,
    string? Shell,
    string? PublicKey,
    IReadOnlyList<string> Groups,
    bool Managed,
    IReadOnlyList<string> Shares)
{
    public static UserDto From(UserView v) => new(v.Name, v.Uid, v.PrimaryGroup, v.FullName, v.Shell, v.PublicKey, v.Groups, v.Managed, v.Shares);
}
