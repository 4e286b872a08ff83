using Rockstor.Domain.Common;

namespace Rockstor.Domain.Accounts;

/// <summary>A cookie or token that no longer opens anything: logged out, password changed, too old, or a reused refresh token.</summary>
public sealed class SessionEndedException(string message) : RockstorException(message);
