namespace Rockstor.Web.Api;

/// <summary>Which self-test to start: "short" or "long".</summary>
public sealed record SelfTestBody(string? Kind);
