
namespace Rockstor.Web.Api;

public sealed record CloneRequest(string? NewShare);
