using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>The other appliance could not be reached (connection refused, timed out, no route).</summary>
public sealed class PeerUnreachableException(string message, Exception? inner = null) : RockstorException(message, inner);
