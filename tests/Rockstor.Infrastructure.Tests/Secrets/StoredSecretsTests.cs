using System.Globalization;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Secrets;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Secrets;

/// <summary>The secrets the store keeps, in a real LiteDB file with the data-protection keys beside it.</summary>
public sealed class StoredSecretsTests : IDisposable
{
    private const string PeerId = "123e4567e89b12d3a456426614174000";
    private static readonly string Credential = "peer-credential-" + Guid.NewGuid().ToString("N");
    private static readonly string Password = "smtp-password-" + Guid.NewGuid().ToString("N");

    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task A_store_written_in_clear_by_the_previous_version_is_read_and_encrypted_at_the_next_start()
    {
        WriteAsThePreviousVersionDid();
        Assert.NotEmpty(SecretScan.FilesHolding(_sandbox.DataDirectory, Credential, Password)); // the test can see a secret in clear

        using (var services = Compose())
        {
            Assert.Equal(Credential, services.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.OutgoingCredential); // read as it was
            await StartAsync(services);

            Assert.Equal(Credential, services.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.OutgoingCredential);
            Assert.Equal(Password, services.GetRequiredService<IAlertSettingsStore>().Load().Email!.Password);
            Assert.Empty(SecretScan.FilesHolding(_sandbox.DataDirectory, Credential, Password)); // while it runs
        }

        Assert.Empty(SecretScan.FilesHolding(_sandbox.DataDirectory, Credential, Password)); // and stopped
        var (credential, password) = ReadRaw();
        Assert.StartsWith(StoredSecrets.Prefix, credential, StringComparison.Ordinal);
        Assert.StartsWith(StoredSecrets.Prefix, password, StringComparison.Ordinal);

        using (var again = Compose())
        {
            await StartAsync(again); // nothing left to encrypt: nothing changes
            Assert.Equal((credential, password), ReadRawWhileOpen(again));
            Assert.Equal(Credential, again.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.OutgoingCredential);
            Assert.Equal(Password, again.GetRequiredService<IAlertSettingsStore>().Load().Email!.Password);
        }
    }

    [Fact]
    public void Each_secret_is_encrypted_for_its_own_purpose_and_one_cannot_be_read_as_the_other()
    {
        using (var services = Compose())
        {
            services.GetRequiredService<IPairedApplianceRepository>().Save(Peer(Credential));
            services.GetRequiredService<IAlertSettingsStore>().Save(Settings(Password));
        }

        Assert.Empty(SecretScan.FilesHolding(_sandbox.DataDirectory, Credential, Password));
        var (credential, password) = ReadRaw();
        using (var store = Open())
        {
            // The credential's ciphertext put where the password goes does not decrypt as a password.
            var settings = store.GetCollection("alert_settings").FindById(1);
            settings["SmtpPassword"] = credential;
            store.GetCollection("alert_settings").Update(settings);
        }

        using var after = Compose();
        Assert.NotEqual(credential, password);
        Assert.Null(after.GetRequiredService<IAlertSettingsStore>().Load().Email!.Password);
        Assert.Equal(Credential, after.GetRequiredService<IPairedApplianceRepository>().Find(PeerId)!.OutgoingCredential);
    }

    private ServiceProvider Compose() => StorageHost.AddSandboxedInfrastructure(new ServiceCollection(), _sandbox).BuildServiceProvider();

    /// <summary>
    /// Runs the start-up migration alone: resolving every hosted service would start Hangfire's, which makes
    /// this container's loggers Hangfire's, process-wide, after the container is gone (later tests failed).
    /// </summary>
    private static Task StartAsync(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<ClearSecretsMigration>(services).StartAsync(CancellationToken.None);

    /// <summary>The documents as the version before encryption wrote them: the same fields, the secrets in clear.</summary>
    private void WriteAsThePreviousVersionDid()
    {
        Directory.CreateDirectory(_sandbox.DataDirectory);
        using var store = Open();
        store.GetCollection("paired_appliances").Insert(new BsonDocument
        {
            ["_id"] = PeerId,
            ["Hostname"] = "nas2",
            ["Host"] = "10.231.7.11",
            ["ManagementPort"] = 8443,
            ["ReplicationPort"] = 10002,
            ["CertificateFingerprint"] = new string('A', 64),
            ["OutgoingCredential"] = Credential,
            ["IncomingCredentialHash"] = new string('B', 64),
            ["PairedAt"] = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
            ["State"] = "Paired",
        });
        store.GetCollection("alert_settings").Insert(new BsonDocument
        {
            ["_id"] = 1,
            ["SmtpHost"] = "mail.example.com",
            ["SmtpPort"] = 587,
            ["SmtpSecurity"] = "StartTls",
            ["SmtpUsername"] = "nas",
            ["SmtpPassword"] = Password,
            ["EmailFrom"] = "nas@example.com",
            ["EmailTo"] = new BsonArray(new BsonValue("admin@example.com")),
            ["WebhookUrl"] = BsonValue.Null,
        });
    }

    private (string Credential, string Password) ReadRaw()
    {
        using var store = Open();
        return Raw(store);
    }

    private static (string Credential, string Password) ReadRawWhileOpen(IServiceProvider services) =>
        Raw(services.GetRequiredService<RockstorDatabase>().Database);

    private static (string Credential, string Password) Raw(ILiteDatabase store) =>
        (store.GetCollection("paired_appliances").FindById(PeerId)["OutgoingCredential"].AsString,
            store.GetCollection("alert_settings").FindById(1)["SmtpPassword"].AsString);

    private LiteDatabase Open() => new(new ConnectionString
    {
        Filename = Path.Combine(_sandbox.DataDirectory, RockstorDatabase.FileName),
        Connection = ConnectionType.Direct,
        Collation = new Collation(CultureInfo.InvariantCulture.LCID, System.Globalization.CompareOptions.Ordinal),
    });

    private static PairedAppliance Peer(string credential) => new()
    {
        Id = PeerId,
        Hostname = "nas2",
        Host = "10.231.7.11",
        ManagementPort = 8443,
        ReplicationPort = 10002,
        CertificateFingerprint = new string('A', 64),
        OutgoingCredential = credential,
        IncomingCredentialHash = new string('B', 64),
        PairedAt = DateTimeOffset.UtcNow,
    };

    private static AlertSettings Settings(string password) =>
        new(new EmailSettings("mail.example.com", 587, SmtpSecurity.StartTls, "nas", password, "nas@example.com", ["admin@example.com"]), null);
}
