using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

public static class Hostnames
{
    public const string Rule = "Use 1 to 63 letters, digits and '-', not starting or ending with '-'.";

    public static string Validate(string? hostname)
    {
        var ok = !string.IsNullOrEmpty(hostname) && hostname.Length <= 63
            && hostname.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            && hostname[0] != '-' && hostname[^1] != '-';
        return ok ? hostname! : throw new ValidationException($"'{Echo.Of(hostname)}' is not a valid hostname. {Rule}");
    }
}
