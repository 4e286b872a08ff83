using Rockstor.Domain.Common;

namespace Rockstor.Domain.Configuration;

/// <summary>What a passphrase for a configuration file must be (ADR-039).</summary>
public static class ConfigurationPassphrase
{
    public const int MinimumLength = 12;

    /// <summary>The passphrase, or a sentence saying why it will not do.</summary>
    public static string Validate(string? passphrase)
    {
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new ValidationException("Give a passphrase: the file's secrets are encrypted with it.");
        }

        if (passphrase.Length < MinimumLength)
        {
            throw new ValidationException($"The passphrase must be at least {MinimumLength} characters long: the file holds the appliance's private key and its peers' credentials.");
        }

        return passphrase;
    }
}
