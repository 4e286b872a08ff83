namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>What an interface received and sent per second between two readings.</summary>
public sealed record NetworkRate(string Name, double ReceivedBytesPerSecond, double SentBytesPerSecond);
