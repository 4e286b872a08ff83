
namespace Rockstor.Web.Api;

/// <summary>
/// Either {name, raidLevel, devices, removable?} for disks or {name, imageSizeGiB, imageCount?, raidLevel?}
/// for image files; <c>removable</c> for a disk plugged in only to be written (a USB backup disk).
/// </summary>
public sealed record CreatePoolRequest(string? Name, string? RaidLevel, IReadOnlyList<string>? Devices, int? ImageSizeGiB, int? ImageCount = null, bool? Removable = null);
