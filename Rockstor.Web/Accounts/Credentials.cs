namespace Rockstor.Web.Accounts;

/// <summary>A login by a script (POST /api/auth/token).</summary>
public sealed record Credentials(string? Username, string? Password);
