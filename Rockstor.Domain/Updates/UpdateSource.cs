using Rockstor.Domain.Common;

namespace Rockstor.Domain.Updates;

/// <summary>
/// What an update source may be: one apt source line, "deb [options] uri suite [components]", with an
/// http, https or file uri. It is written into the appliance's own sources file, never into the machine's.
/// </summary>
public static class UpdateSource
{
    public const int MaxLength = 500;

    public static string Validate(string source)
    {
        var line = source.Trim();
        if (line.Length > MaxLength || line.Any(char.IsControl))
        {
            throw new ValidationException($"The package source must be one line of at most {MaxLength} characters.");
        }

        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var rest = words.Skip(1).ToList();
        if (rest.Count > 0 && rest[0].StartsWith('['))
        {
            var end = rest.FindIndex(w => w.EndsWith(']'));
            rest = end < 0 ? [] : rest.Skip(end + 1).ToList();
        }

        if (words.Length == 0 || words[0] != "deb" || rest.Count < 2
            || !Uri.TryCreate(rest[0], UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https" or "file"))
        {
            throw new ValidationException(
                $"'{Echo.Of(line)}' is not an apt source: write it as 'deb https://example.org/rockstor stable main' "
                + "(or 'deb [signed-by=/path/to/key.gpg] …'; a flat repository ends in ' ./').");
        }

        return string.Join(' ', words);
    }
}
