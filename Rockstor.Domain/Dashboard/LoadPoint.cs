namespace Rockstor.Domain.Dashboard;

/// <summary>One point of the live charts: CPU and all interfaces' traffic (loopback aside) at a moment.</summary>
public sealed record LoadPoint(DateTimeOffset At, double CpuPercent, double ReceivedBytesPerSecond, double SentBytesPerSecond);
