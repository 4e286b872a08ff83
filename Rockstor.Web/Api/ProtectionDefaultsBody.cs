namespace Rockstor.Web.Api;

/// <summary>The protection every incoming replica gets unless it has its own, in days (0: none).</summary>
public sealed record ProtectionDefaultsBody(int ProtectionDays);
