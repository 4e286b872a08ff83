namespace Rockstor.Web.Api;

/// <summary>Mount a pool that is not mounted; <see cref="Degraded"/> mounts it without a missing device (the admin confirmed).</summary>
public sealed record MountBody(bool? Degraded);
