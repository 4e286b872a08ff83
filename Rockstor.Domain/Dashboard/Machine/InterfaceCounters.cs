namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>A network interface's byte counters since boot.</summary>
public sealed record InterfaceCounters(string Name, long ReceivedBytes, long SentBytes);
