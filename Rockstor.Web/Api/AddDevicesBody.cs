namespace Rockstor.Web.Api;

/// <summary>Empty disks to add to a pool on disks.</summary>
public sealed record AddDevicesBody(IReadOnlyList<string>? Devices);
