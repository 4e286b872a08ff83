using System.Buffers.Binary;
using System.Text;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Users;

/// <summary>
/// What a user or group of the appliance may be called and hold. Every value here ends up as an
/// argument of a system tool or a line of a system file, so each rule also keeps it from being read
/// as an option, a second field or a second line.
/// </summary>
public static class AccountRules
{
    public const int MaxNameLength = 32;

    public const int MinPasswordLength = 8;

    public const int MaxPasswordLength = 128;

    public const int MaxFullNameLength = 64;

    /// <summary>Ids of ordinary accounts on Debian (login.defs' UID_MIN to UID_MAX); below are the system's own.</summary>
    public const int FirstId = 1000;

    public const int LastId = 59999;

    private const int MaxPublicKeyLength = 16 * 1024;

    /// <summary>Names a NAS account must never take, even on a machine that lacks them: they mean power.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "root", "daemon", "bin", "sys", "adm", "admin", "administrator", "wheel", "sudo", "shadow", "disk",
        "staff", "operator", "nobody", "nogroup", "guest", "users", "rockstor", "sshd", "www-data", "backup",
    };

    private static readonly string[] KeyTypes =
    [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    /// <summary>The name, or a <see cref="ValidationException"/> that says what a name may be.</summary>
    public static string Name(string? name, string what)
    {
        var ok = !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && char.IsAsciiLetterLower(name[0])
            && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');
        if (!ok)
        {
            var shown = string.IsNullOrEmpty(name) ? "An empty name" : $"'{Echo.Of(name)}'";
            throw new ValidationException(
                $"{shown} is not a valid {what} name. Use 1 to {MaxNameLength} lower-case letters, digits, '-' and '_', starting with a letter.");
        }

        if (Reserved.Contains(name!))
        {
            throw new ValidationException($"The name '{name}' is reserved for the system; choose another {what} name.");
        }

        return name!;
    }

    public static int Id(int id, string what) =>
        id is >= FirstId and <= LastId
            ? id
            : throw new ValidationException($"A {what} must be between {FirstId} and {LastId}; {id} is not.");

    public static string Password(string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinPasswordLength)
        {
            throw new ValidationException($"The password must have at least {MinPasswordLength} characters.");
        }

        if (password.Length > MaxPasswordLength)
        {
            throw new ValidationException($"The password may have at most {MaxPasswordLength} characters.");
        }

        return password.Any(char.IsControl)
            ? throw new ValidationException("The password may not contain control characters (such as a line break or a tab).")
            : password;
    }

    /// <summary>Null or trimmed text that fits the user database's comment field (no ':' or ',', one line).</summary>
    public static string? FullName(string? fullName)
    {
        if (string.IsNullOrWhiteSpace(fullName))
        {
            return null;
        }

        var trimmed = fullName.Trim();
        if (trimmed.Length > MaxFullNameLength)
        {
            throw new ValidationException($"The full name may have at most {MaxFullNameLength} characters.");
        }

        return trimmed.Any(c => char.IsControl(c) || c is ':' or ',' or '=')
            ? throw new ValidationException("The full name may not contain ':', ',', '=' or control characters.")
            : trimmed;
    }

    /// <summary>Null (no login), or one of the machine's login shells.</summary>
    public static string? Shell(string? shell, IReadOnlyCollection<string> shells)
    {
        if (string.IsNullOrEmpty(shell))
        {
            return null;
        }

        return shells.Contains(shell)
            ? shell
            : throw new ValidationException(
                $"'{Echo.Of(shell)}' is not a login shell of this machine. Choose one of: {string.Join(", ", shells)}, or none.");
    }

    /// <summary>Null, or one OpenSSH public key line whose key decodes and names its own type.</summary>
    public static string? PublicKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var line = key.Trim();
        const string Refusal = "The SSH public key is not one OpenSSH public key line (such as 'ssh-ed25519 AAAA… name@host').";
        if (line.Length > MaxPublicKeyLength || line.Any(char.IsControl))
        {
            throw new ValidationException(Refusal);
        }

        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !KeyTypes.Contains(parts[0], StringComparer.Ordinal) || !NamesItsType(parts[1], parts[0]))
        {
            throw new ValidationException(Refusal);
        }

        return line;
    }

    /// <summary>The key's blob starts with its type as a length-prefixed string.</summary>
    private static bool NamesItsType(string base64, string type)
    {
        var blob = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, blob, out var length) || length < 4)
        {
            return false;
        }

        var typeLength = BinaryPrimitives.ReadInt32BigEndian(blob);
        return typeLength == type.Length && length >= 4 + typeLength
            && Encoding.ASCII.GetString(blob, 4, typeLength) == type;
    }
}
