namespace Rockstor.Domain.Alerts;

/// <summary>How the SMTP connection is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain (a relay on the local network).</summary>
    None,

    /// <summary>Plain, then STARTTLS (usually port 587).</summary>
    StartTls,

    /// <summary>TLS from the start (usually port 465).</summary>
    Tls,
}
