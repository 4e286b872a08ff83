using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>Credentials given to this appliance are wrong.</summary>
public sealed class AuthenticationFailedException(string message) : RockstorException(message);
