namespace Rockstor.Web.Api;

/// <summary>Which of the pool's devices to replace (its path, or its devid when it is missing), and the empty disk that takes its place.</summary>
public sealed record ReplaceBody(string? Device, int? Devid, string? With);
