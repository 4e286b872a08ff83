using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>
/// Pairing stopped before anything was sent: nobody has said the certificate the other appliance presents
/// is its own. <see cref="Fingerprint"/> is the one presented, for the admin to compare and confirm.
/// </summary>
public sealed class CertificateNotConfirmedException(string message, string fingerprint) : RockstorException(message)
{
    /// <summary>SHA-256 of the certificate presented (64 upper-case hex digits).</summary>
    public string Fingerprint { get; } = fingerprint;
}
