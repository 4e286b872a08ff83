using System.Security.Cryptography;

namespace Rockstor.Domain.Accounts;

/// <summary>
/// Logins after the password was given (cookies and bearer tokens): starts them, says whether one still
/// holds (it carries the account's current security stamp, it is younger than the absolute lifetime and,
/// for a token, its refresh-token family still exists), rotates refresh tokens, and ends every login at
/// once by giving the account a new stamp.
/// </summary>
public sealed class SessionService(IUserRepository users, IRefreshTokenFamilyRepository families, SessionLifetimes lifetimes, TimeProvider time)
{
    public const string Ended = "This login was ended (logged out, or the password was changed); log in again.";

    public const string RefreshTokenReused =
        "This refresh token has already been used; every token of its login is now ended, in case someone else holds a copy. Log in again.";

    private readonly Lock _gate = new();

    public SessionLifetimes Lifetimes => lifetimes;

    /// <summary>Raised after every login of an account was ended, so that open connections close.</summary>
    public event Action? AllEnded;

    /// <summary>A login by the password, for a cookie.</summary>
    public Session Start(AdminUser user) => new(user.Username, user.SecurityStamp, time.GetUtcNow());

    /// <summary>A login by the password for a script: a bearer token and a refresh token of a new family.</summary>
    public Session StartWithRefreshTokens(AdminUser user)
    {
        var now = time.GetUtcNow();
        var family = new RefreshTokenFamily { Id = NewRandomId(), Username = user.Username, ExpiresAt = now + lifetimes.Absolute };
        lock (_gate)
        {
            families.RemoveExpired(now);
            families.Save(family);
        }

        return new Session(user.Username, user.SecurityStamp, now, family.Id);
    }

    /// <summary>When the login ends however much it is used (the absolute lifetime).</summary>
    public DateTimeOffset EndsAt(Session session) => session.SignedInAt + lifetimes.Absolute;

    /// <summary>Why the login no longer holds, as a sentence for the user; null while it holds.</summary>
    public string? Refusal(Session session)
    {
        var user = users.Find(session.Username);
        if (user is null || !string.Equals(user.SecurityStamp, session.Stamp, StringComparison.Ordinal))
        {
            return Ended;
        }

        if (time.GetUtcNow() >= EndsAt(session))
        {
            return $"This login is over: a login lasts {Describe(lifetimes.Absolute)} from when the password was given; log in again.";
        }

        return session.TokenFamily is not null && families.Find(session.TokenFamily) is null ? Ended : null;
    }

    /// <summary>
    /// The next generation of a token login, for a refresh token of the current generation. A refresh token
    /// of an earlier generation ends the whole family: it was used before, so someone may hold a copy.
    /// </summary>
    public Session Refresh(Session presented)
    {
        lock (_gate)
        {
            if (Refusal(presented) is { } refusal)
            {
                throw new SessionEndedException(refusal);
            }

            var family = families.Find(presented.TokenFamily ?? "") ?? throw new SessionEndedException(Ended);
            if (family.Generation != presented.Generation)
            {
                families.Remove(family.Id);
                throw new SessionEndedException(RefreshTokenReused);
            }

            family.Generation++;
            families.Save(family);
            return presented with { Generation = family.Generation };
        }
    }

    /// <summary>Ends every login of the account (all cookies, tokens and refresh tokens), saving the user as it is.</summary>
    public void EndAll(AdminUser user)
    {
        lock (_gate)
        {
            user.SecurityStamp = NewRandomId();
            users.Update(user);
            families.RemoveAll();
        }

        AllEnded?.Invoke();
    }

    /// <summary>Logging out: every login of the account ends, not only the one that asked.</summary>
    public void EndAll(string username)
    {
        if (users.Find(username) is { } user)
        {
            EndAll(user);
        }
    }

    public static string NewRandomId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A lifetime in words: "12 hours", "90 minutes", "10 seconds".</summary>
    public static string Describe(TimeSpan span)
    {
        var (count, unit) = span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? (span.TotalHours, "hour")
            : span.TotalMinutes >= 1 && span.TotalMinutes % 1 == 0 ? (span.TotalMinutes, "minute")
            : (Math.Round(span.TotalSeconds), "second");
        return count == 1 ? $"1 {unit}" : $"{count:0} {unit}s";
    }
}
