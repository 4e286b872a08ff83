namespace Rockstor.Domain.Nfs;

/// <summary>A client entry as asked for: <see cref="Access"/> is "ro" or "rw"; root squashing is on unless turned off.</summary>
public sealed record NfsClientRequest(string? Host, string? Access, bool? RootSquash = null, bool? AllSquash = null);
