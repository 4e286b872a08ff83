namespace Rockstor.Domain.Users;

/// <summary>A group of the machine that this appliance created and manages; its members are the system's.</summary>
public sealed record LocalGroup
{
    public required string Name { get; init; }

    public required int Gid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
