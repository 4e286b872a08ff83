namespace Rockstor.Domain.Replication.Receiving;

/// <summary>The resumed stream's first bytes differ from what the spool holds: the transfer starts over.</summary>
public sealed class StreamMismatchException(string message) : Common.RockstorException(message);
