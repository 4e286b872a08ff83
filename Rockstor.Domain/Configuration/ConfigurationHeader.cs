namespace Rockstor.Domain.Configuration;

/// <summary>
/// The part of a configuration file that is readable without its passphrase: what the file is, which
/// appliance it came from and how its key is derived. All of it is authenticated with the payload.
/// </summary>
public sealed record ConfigurationHeader(
    string Format,
    int Version,
    string ApplianceId,
    string? Hostname,
    DateTimeOffset ExportedAt,
    string Kdf,
    int Iterations,
    string Salt,
    string Nonce,
    string Tag);
