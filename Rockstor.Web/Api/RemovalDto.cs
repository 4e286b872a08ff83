
namespace Rockstor.Web.Api;

public sealed record RemovalDto(string Id, string Outcome, string Message);
