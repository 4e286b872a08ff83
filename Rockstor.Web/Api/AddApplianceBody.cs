
namespace Rockstor.Web.Api;

public sealed record AddApplianceBody(string? Host, int? MgmtPort, string? Username, string? Password, string? Fingerprint);
