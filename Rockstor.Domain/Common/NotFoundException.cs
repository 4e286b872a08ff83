namespace Rockstor.Domain.Common;

/// <summary>The pool, share or snapshot named does not exist.</summary>
public sealed class NotFoundException(string message) : RockstorException(message);
