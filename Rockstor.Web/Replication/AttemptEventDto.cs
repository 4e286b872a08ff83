using Rockstor.Web.Api;

namespace Rockstor.Web.Replication;

/// <summary>The hub's "attempt" message: an attempt of a send task or an incoming replica started, changed state or ended.</summary>
public sealed record AttemptEventDto(string Side, int OwnerId, AttemptDto Attempt);
