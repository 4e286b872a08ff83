namespace Rockstor.Domain.Common;

/// <summary>The request itself is wrong (a bad name, a raid level that does not fit the devices).</summary>
public sealed class ValidationException(string message) : RockstorException(message);
