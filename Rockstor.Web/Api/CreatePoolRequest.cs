
namespace Rockstor.Web.Api;

/// <summary>Either {name, raidLevel, devices} for disks or {name, imageSizeGiB, imageCount?, raidLevel?} for image files.</summary>
public sealed record CreatePoolRequest(string? Name, string? RaidLevel, IReadOnlyList<string>? Devices, int? ImageSizeGiB, int? ImageCount = null);
