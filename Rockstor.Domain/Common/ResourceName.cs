namespace Rockstor.Domain.Common;

/// <summary>
/// The one naming rule for pools, shares and snapshots. A name may start with a digit (appliance ids
/// do, and names are made from them), and it can never be a path or an option to a command.
/// </summary>
public static class ResourceName
{
    public const int MaxLength = 64;

    /// <summary>Longest name the appliance makes itself (a replica share is the sender's id, '_', the share).</summary>
    public const int MaxSystemLength = 255;

    public const string Rule =
        "Use 1 to 64 characters: letters, digits, '-', '_' and '.'; it must start with a letter or a digit.";

    public static bool IsValid(string? name) => IsValid(name, MaxLength);

    /// <summary>The same rule with btrfs's own bound: for names the appliance makes or finds on disk.</summary>
    public static bool IsSafe(string? name) => IsValid(name, MaxSystemLength);

    private static bool IsValid(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength)
        {
            return false;
        }

        if (!char.IsAsciiLetterOrDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.'))
            {
                return false;
            }
        }

        return !name.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>Returns the name unchanged, or throws a <see cref="ValidationException"/> that says what is allowed.</summary>
    public static string Validate(string? name, string what)
    {
        if (!IsValid(name))
        {
            var shown = string.IsNullOrEmpty(name) ? "An empty name" : $"'{Echo.Of(name)}'";
            throw new ValidationException($"{shown} is not a valid {what} name. {Rule}");
        }

        return name!;
    }
}
