
namespace Rockstor.Web.Api;

public sealed record CreateShareRequest(string? Pool, string? Name);
