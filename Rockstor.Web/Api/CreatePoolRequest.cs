
namespace Rockstor.Web.Api;

/// <summary>Either {name, raidLevel, devices} for disks or {name, imageSizeGiB} for an image file.</summary>
public sealed record CreatePoolRequest(string? Name, string? RaidLevel, IReadOnlyList<string>? Devices, int? ImageSizeGiB);
