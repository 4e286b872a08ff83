namespace Rockstor.Web.Accounts;

/// <summary>POST /api/auth/refresh: the refresh token of the last token answer.</summary>
public sealed record RefreshRequest(string? RefreshToken);
