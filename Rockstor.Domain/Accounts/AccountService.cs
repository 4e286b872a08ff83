using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Accounts;

/// <summary>The appliance's admin account: made once at first start, then used to log in; its password can be changed.</summary>
public sealed class AccountService(IUserRepository users, IApplianceStore appliance, IPasswordHasher hasher, SessionService sessions, TimeProvider time) : IAdminCredentials
{
    public const int MinPasswordLength = 8;

    private readonly Lock _setupGate = new();

    /// <summary>Checked against when the user name is unknown, so that refusal costs what a wrong password costs.</summary>
    private readonly string _dummyHash = hasher.Hash(Guid.NewGuid().ToString("N"));

    public bool IsSetUp => users.Any();

    public void Setup(SetupRequest request)
    {
        var username = ValidateUsername(request.Username);
        var password = ValidatePassword(request.Password);

        var hostname = Hostnames.Validate(request.Hostname);
        lock (_setupGate)
        {
            if (users.Any())
            {
                throw new ConflictException("This appliance is already set up; log in with its admin account.");
            }

            var info = appliance.Get() ?? throw new InvalidOperationException("The appliance identity has not been made yet.");
            info.Hostname = hostname;
            appliance.Save(info);
            users.Add(new AdminUser
            {
                Username = username,
                PasswordHash = hasher.Hash(password),
                CreatedAt = time.GetUtcNow(),
                SecurityStamp = SessionService.NewRandomId(),
            });
        }
    }

    public bool AreValid(string? username, string? password) => Verify(username, password) is not null;

    /// <summary>The user when the credentials are right, else null (the caller does not learn which part was wrong).</summary>
    public AdminUser? Verify(string? username, string? password)
    {
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
        {
            return null;
        }

        var user = users.Find(username);
        if (user is null)
        {
            // As long as a wrong password takes: the time of the answer does not tell which names exist.
            hasher.Verify(_dummyHash, password);
            return null;
        }

        return hasher.Verify(user.PasswordHash, password) ? user : null;
    }

    /// <summary>
    /// A new password, given the current one. Every login made before ends, this one too: cookies,
    /// bearer tokens, refresh tokens and open pages.
    /// </summary>
    public void ChangePassword(string username, string? currentPassword, string? newPassword)
    {
        var user = users.Find(username) ?? throw new NotFoundException($"There is no account '{username}'.");
        if (string.IsNullOrEmpty(currentPassword) || !hasher.Verify(user.PasswordHash, currentPassword))
        {
            throw new ValidationException("The current password is wrong; the password was not changed.");
        }

        var password = ValidatePassword(newPassword);
        if (password == currentPassword)
        {
            throw new ValidationException("The new password is the current one; choose another.");
        }

        user.PasswordHash = hasher.Hash(password);
        sessions.EndAll(user);
    }

    private static string ValidatePassword(string? password) =>
        !string.IsNullOrEmpty(password) && password.Length >= MinPasswordLength
            ? password
            : throw new ValidationException($"The password must have at least {MinPasswordLength} characters.");

    /// <summary>The admin's username: 1 to 32 letters, digits, '-', '_' and '.', starting with a letter.</summary>
    public static string ValidateUsername(string? username)
    {
        var ok = !string.IsNullOrEmpty(username) && username.Length <= 32
            && char.IsAsciiLetter(username[0])
            && username.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        return ok ? username! : throw new ValidationException(
            $"'{Echo.Of(username)}' is not a valid username. Use 1 to 32 letters, digits, '-', '_' and '.', starting with a letter.");
    }
}
