using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>The other appliance answered but said no (wrong admin credentials, not paired, its own reason).</summary>
public sealed class PeerRefusedException(string message, bool credentialsRejected = false) : RockstorException(message)
{
    public bool CredentialsRejected { get; } = credentialsRejected;
}
