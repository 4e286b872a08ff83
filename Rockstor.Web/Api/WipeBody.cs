namespace Rockstor.Web.Api;

/// <summary>The disk's path again, as a person confirms what is lost.</summary>
public sealed record WipeBody(string? Confirm);
