namespace Rockstor.Domain.Alerts;

/// <summary>What telling one channel came to: null error when it went.</summary>
public sealed record ChannelResult(string Channel, string? Error);
