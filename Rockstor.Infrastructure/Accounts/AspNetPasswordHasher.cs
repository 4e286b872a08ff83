using Microsoft.AspNetCore.Identity;
using Rockstor.Domain.Accounts;

namespace Rockstor.Infrastructure.Accounts;

/// <summary>ASP.NET Core's password hasher (PBKDF2 with a salt per password).</summary>
public sealed class AspNetPasswordHasher : Domain.Accounts.IPasswordHasher
{
    private readonly PasswordHasher<AdminUser> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(null!, password);

    public bool Verify(string hash, string password) =>
        _hasher.VerifyHashedPassword(null!, hash, password) != PasswordVerificationResult.Failed;
}
