namespace Rockstor.Web.Api;

/// <summary>POST …/unlock: the admin's password again, so an open session alone cannot unlock.</summary>
public sealed record UnlockBody(string? Password);
