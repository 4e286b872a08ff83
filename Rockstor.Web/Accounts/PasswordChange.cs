namespace Rockstor.Web.Accounts;

/// <summary>POST /api/account/password.</summary>
public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);
