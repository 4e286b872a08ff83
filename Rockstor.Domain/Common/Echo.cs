using System.Text;

namespace Rockstor.Domain.Common;

/// <summary>
/// What a message may repeat of what a person or another appliance sent (a name, a host, an address, a
/// reason): a short prefix on one line. A refusal that echoes a megabyte of input, or a line break that
/// starts a fake log line, helps nobody; the first characters are enough to see which value was meant.
/// </summary>
public static class Echo
{
    /// <summary>How much of a value a message repeats: a valid name fits whole.</summary>
    public const int MaxLength = 64;

    /// <summary>How much of a sentence another appliance sent (its reason for a refusal) a message repeats.</summary>
    public const int MaxSentenceLength = 300;

    /// <summary>The text, cut to <paramref name="maxLength"/> characters with "…" after it, control characters shown as '?'.</summary>
    public static string Of(string? text, int maxLength = MaxLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var length = Math.Min(text.Length, maxLength);
        if (length < text.Length && length > 0 && char.IsHighSurrogate(text[length - 1]))
        {
            length--; // never half a character
        }

        var shown = new StringBuilder(length + 1);
        foreach (var c in text.AsSpan(0, length))
        {
            shown.Append(char.IsControl(c) ? '?' : c);
        }

        return length < text.Length ? shown.Append('…').ToString() : shown.ToString();
    }
}
