using Rockstor.Domain.Services;

namespace Rockstor.Web.Api;

public sealed record ServiceDto(string Name, string Title, bool Enabled, string State, string? Error)
{
    public static ServiceDto From(ServiceStatus s) => new(s.Name, s.Title, s.Enabled, s.State.ToString().ToLowerInvariant(), s.Error);
}
