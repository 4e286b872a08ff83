using Rockstor.Domain.Appliances;

namespace Rockstor.Domain.Configuration;

/// <summary>
/// Where the configuration is read from and written to: the store's configuration collections and the
/// appliance's certificate. The payload is opaque to the domain; its secrets are in clear inside it, so it
/// never leaves the appliance unencrypted (<see cref="ConfigurationFile"/>).
/// </summary>
public interface IConfigurationStore
{
    /// <summary>This appliance's configuration, its secrets decrypted.</summary>
    byte[] Read();

    /// <summary>
    /// Replaces the configuration with <paramref name="payload"/>, all or nothing: a payload that cannot be
    /// read, or a write that fails half way, leaves the store and the certificate as they were.
    /// </summary>
    ImportedConfiguration Write(byte[] payload);

    /// <summary>The users and groups <paramref name="payload"/> brings, read as the store would keep them, to be checked before <see cref="Write"/>.</summary>
    ImportedAccounts Accounts(byte[] payload);

    /// <summary>The appliance the store describes now.</summary>
    ApplianceInfo Appliance();
}
