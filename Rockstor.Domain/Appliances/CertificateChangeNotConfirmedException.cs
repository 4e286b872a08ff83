using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>
/// A new certificate for this appliance passed its checks but was not confirmed: the admin must first see its
/// fingerprint and the paired appliances that must pin it anew, then ask again with the confirmation.
/// </summary>
public sealed class CertificateChangeNotConfirmedException(string message, string fingerprint, IReadOnlyList<string> peers) : RockstorException(message)
{
    public string Fingerprint { get; } = fingerprint;

    /// <summary>The hostnames of the paired appliances that must confirm the new fingerprint.</summary>
    public IReadOnlyList<string> Peers { get; } = peers;
}
