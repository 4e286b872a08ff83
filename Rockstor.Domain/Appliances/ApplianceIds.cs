namespace Rockstor.Domain.Appliances;

public static class ApplianceIds
{
    /// <summary>A new id: 32 lowercase hex digits, which may well start with a digit.</summary>
    public static string New() => Guid.NewGuid().ToString("N");

    public static bool IsValid(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= 36 && id.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c) || c == '-')
        && char.IsAsciiLetterOrDigit(id[0]);
}
