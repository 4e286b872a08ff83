namespace Rockstor.Domain.Accounts;

public sealed record SetupRequest(string? Username, string? Password, string? Hostname);
