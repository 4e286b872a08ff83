namespace Rockstor.Domain.Services;

public sealed record ServiceStatus(string Name, string Title, bool Enabled, ServiceState State, string? Error);
