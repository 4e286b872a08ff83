using Rockstor.Domain.Appliances;

namespace Rockstor.Web.Api;

public sealed record ApplianceDto(string Id, string? Hostname, string Version, string CertificateFingerprint)
{
    public static string CurrentVersion => typeof(ApplianceDto).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static ApplianceDto From(ApplianceInfo info, string fingerprint) => new(info.Id, info.Hostname, CurrentVersion, fingerprint);
}
