using System.Text;
using Rockstor.Domain.Common;
using Rockstor.Domain.Configuration;

namespace Rockstor.Domain.Tests.Configuration;

/// <summary>The configuration file's format: PBKDF2-SHA256 and AES-GCM, the header authenticated with the payload.</summary>
public sealed class ConfigurationFileTests
{
    private const string Passphrase = "correct horse battery";
    private const string ApplianceId = "0f3a9c2e4b5d4e6f8a9b0c1d2e3f4a5b";
    private static readonly DateTimeOffset ExportedAt = new(2026, 12, 1, 2, 30, 0, TimeSpan.Zero);
    private static readonly byte[] Payload = Encoding.UTF8.GetBytes("{\"secret\":\"peer-credential-1234\"} and some more bytes");

    [Fact]
    public void A_sealed_file_opens_with_its_passphrase_to_the_same_payload_and_its_header_says_where_it_came_from()
    {
        var file = Seal();

        Assert.Equal(Payload, ConfigurationFile.Open(file, Passphrase));
        var header = ConfigurationFile.ReadHeader(file);
        Assert.Equal((ConfigurationFile.Format, ConfigurationFile.Version, ApplianceId, "nas1", ExportedAt), (header.Format, header.Version, header.ApplianceId, header.Hostname, header.ExportedAt));
        Assert.Equal((ConfigurationFile.Kdf, ConfigurationFile.Iterations), (header.Kdf, header.Iterations));
    }

    [Fact]
    public void Nothing_of_the_payload_is_readable_in_the_file_and_two_exports_differ_in_salt_nonce_and_bytes()
    {
        var first = Seal();
        var second = Seal();

        Assert.DoesNotContain("peer-credential", Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        Assert.NotEqual(ConfigurationFile.ReadHeader(first).Salt, ConfigurationFile.ReadHeader(second).Salt);
        Assert.NotEqual(ConfigurationFile.ReadHeader(first).Nonce, ConfigurationFile.ReadHeader(second).Nonce);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_wrong_passphrase_is_refused_with_a_sentence()
    {
        var refused = Assert.Throws<ValidationException>(() => ConfigurationFile.Open(Seal(), "correct horse battery!"));

        Assert.Equal("The passphrase does not open this file.", refused.Message);
    }

    [Fact]
    public void A_changed_byte_of_the_payload_or_of_the_header_is_refused()
    {
        var file = Seal();
        var lastByte = (byte[])file.Clone();
        lastByte[^1] ^= 0x01;
        var hostname = InHeader(file, h => h.Replace("\"nas1\"", "\"nas2\"", StringComparison.Ordinal));

        Assert.Equal(ConfigurationFile.WrongPassphrase, Assert.Throws<ValidationException>(() => ConfigurationFile.Open(lastByte, Passphrase)).Message);
        Assert.Equal(ConfigurationFile.WrongPassphrase, Assert.Throws<ValidationException>(() => ConfigurationFile.Open(hostname, Passphrase)).Message);
    }

    [Fact]
    public void A_passphrase_shorter_than_12_characters_is_refused_with_a_sentence()
    {
        var refused = Assert.Throws<ValidationException>(() => ConfigurationFile.Seal(Payload, "short-pass!", ApplianceId, "nas1", ExportedAt));

        Assert.Contains("at least 12 characters", refused.Message, StringComparison.Ordinal);
        Assert.Throws<ValidationException>(() => ConfigurationPassphrase.Validate(""));
    }

    [Fact]
    public void A_file_that_is_not_a_configuration_file_or_asks_for_a_weaker_derivation_is_refused_before_any_key_is_derived()
    {
        var weaker = InHeader(Seal(), h => h.Replace("\"iterations\":600000", "\"iterations\":1000", StringComparison.Ordinal));

        Assert.Equal("This is not a Rockstor configuration file.", Assert.Throws<ValidationException>(() => ConfigurationFile.Open("PK\u0003\u0004 a zip"u8.ToArray(), Passphrase)).Message);
        Assert.Contains("key derivation", Assert.Throws<ValidationException>(() => ConfigurationFile.Open(weaker, Passphrase)).Message, StringComparison.Ordinal);
        var noSalt = InHeader(Seal(), h => System.Text.RegularExpressions.Regex.Replace(h, "\"salt\":\"[^\"]*\",", ""));
        Assert.Equal("This configuration file's header is damaged.", Assert.Throws<ValidationException>(() => ConfigurationFile.Open(noSalt, Passphrase)).Message);
    }

    /// <summary>The file with its header line changed and its encrypted bytes exactly as they were.</summary>
    private static byte[] InHeader(byte[] file, Func<string, string> change)
    {
        var end = Array.IndexOf(file, (byte)'\n');
        var header = Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(file, 0, end)));
        Assert.NotEqual(file[..end], header);
        return [.. header, .. file[end..]];
    }

    private static byte[] Seal() => ConfigurationFile.Seal(Payload, Passphrase, ApplianceId, "nas1", ExportedAt);
}
