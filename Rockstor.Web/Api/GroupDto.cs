using Rockstor.Domain.Users;

namespace Rockstor.Web.Api;

public sealed record GroupDto(string Name, int Gid, IReadOnlyList<string> Members, bool Managed)
{
    public static GroupDto From(GroupView v) => new(v.Name, v.Gid, v.Members, v.Managed);
}
