using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>What an appliance tells another about itself when pairing.</summary>
public sealed record ApplianceCard(
    string Id,
    string Hostname,
    int ManagementPort,
    int ReplicationPort,
    string CertificateFingerprint,
    string Credential);

/// <summary>A pool another appliance offers as a replication target.</summary>
public sealed record PeerPool(string Name, long SizeBytes, long FreeBytes);

/// <summary>The pairing request one appliance sends another: the other's admin login, and who is asking.</summary>
public sealed record PairingOffer(string Username, string Password, ApplianceCard From);

/// <summary>The calls one appliance makes to another's management API, always over TLS with the pinned certificate.</summary>
public interface IPeerClient
{
    /// <summary>Connects with TLS and returns the fingerprint of the certificate the host presents (nothing else is sent).</summary>
    Task<string> ProbeFingerprintAsync(string host, int port, CancellationToken ct);

    Task<ApplianceCard> PairAsync(string host, int port, string pinnedFingerprint, PairingOffer offer, CancellationToken ct);

    /// <summary>Tells the peer to forget this appliance.</summary>
    Task ForgetAsync(PairedAppliance peer, string ownId, CancellationToken ct);

    /// <summary>Calls the peer with its pinned certificate and our credential; throws when it cannot be reached or refuses.</summary>
    Task HelloAsync(PairedAppliance peer, string ownId, CancellationToken ct);

    /// <summary>The peer's mounted pools, the targets it offers for replication.</summary>
    Task<IReadOnlyList<PeerPool>> ListPoolsAsync(PairedAppliance peer, string ownId, CancellationToken ct);
}

/// <summary>The other appliance could not be reached (connection refused, timed out, no route).</summary>
public sealed class PeerUnreachableException(string message, Exception? inner = null) : RockstorException(message, inner);

/// <summary>The other appliance answered but said no (wrong admin credentials, not paired, its own reason).</summary>
public sealed class PeerRefusedException(string message, bool credentialsRejected = false) : RockstorException(message)
{
    public bool CredentialsRejected { get; } = credentialsRejected;
}

/// <summary>The certificate presented is not the one expected (pinned, or typed in by the admin).</summary>
public sealed class CertificateMismatchException(string message) : RockstorException(message);

/// <summary>Credentials given to this appliance are wrong.</summary>
public sealed class AuthenticationFailedException(string message) : RockstorException(message);
