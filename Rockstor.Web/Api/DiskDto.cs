
namespace Rockstor.Web.Api;

public sealed record DiskDto(string Path, long SizeBytes, string? Model, string? Serial, bool Usable, string? Reason);
