namespace Rockstor.Domain.Alerts;

/// <summary>Where alerts are emailed: an SMTP server, who sends and who receives.</summary>
public sealed record EmailSettings(string Host, int Port, SmtpSecurity Security, string? Username, string? Password, string From, IReadOnlyList<string> To);
