using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;

namespace Rockstor.Infrastructure.Secrets;

/// <summary>
/// Encrypts the secrets the store keeps and must be able to read back (the SMTP password, the credential
/// this appliance presents to each peer) with ASP.NET Core Data Protection, whose keys are in
/// &lt;DataDirectory&gt;/keys: a copy of rockstor.db alone (a backup, a file sent with a bug report) gives
/// none of them away. Each kind of secret has its own purpose, so one cannot be passed off as the other.
/// </summary>
internal sealed class StoredSecrets(IDataProtectionProvider provider, ILogger<StoredSecrets> logger)
{
    /// <summary>What a protected value starts with in the store; a value without it was stored in clear by an earlier version.</summary>
    public const string Prefix = "dp1:";

    private readonly IDataProtector _smtpPassword = provider.CreateProtector("Rockstor.Alerts.SmtpPassword");
    private readonly IDataProtector _peerCredential = provider.CreateProtector("Rockstor.Appliances.PeerCredential");

    public static bool IsProtected(string? stored) => stored?.StartsWith(Prefix, StringComparison.Ordinal) == true;

    public string ProtectSmtpPassword(string password) => Prefix + _smtpPassword.Protect(password);

    /// <summary>The password; null when it cannot be decrypted (the keys it was encrypted with are gone), which the log says.</summary>
    public string? UnprotectSmtpPassword(string stored) => Unprotect(_smtpPassword, stored, "the SMTP password (type it again on the Alerts screen)");

    public string ProtectPeerCredential(string credential) => Prefix + _peerCredential.Protect(credential);

    /// <summary>The credential; empty when it cannot be decrypted (the peer then refuses this appliance until it is paired again).</summary>
    public string UnprotectPeerCredential(string stored, string peer) =>
        Unprotect(_peerCredential, stored, $"the credential for {peer} (remove it and pair again)") ?? "";

    private string? Unprotect(IDataProtector protector, string stored, string what)
    {
        if (!IsProtected(stored))
        {
            return stored; // in clear, from an earlier version; re-written protected at the next start
        }

        try
        {
            return protector.Unprotect(stored[Prefix.Length..]);
        }
        catch (CryptographicException e)
        {
            logger.LogWarning("Could not decrypt {What}: {Reason}. Were the keys in the data directory's keys folder replaced?", what, e.Message);
            return null;
        }
    }
}
