using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LiteDB;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Configuration;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Infrastructure.Certificates;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Secrets;

namespace Rockstor.Infrastructure.Configuration;

/// <summary>
/// Reads the configuration collections and the certificate into one BSON document (its secrets
/// decrypted), and writes one back in a single LiteDB transaction, the secrets encrypted again with this
/// machine's Data Protection keys and the certificate renamed into place after the commit (ADR-039).
/// </summary>
internal sealed class ConfigurationStore(
    RockstorDatabase db,
    StoredSecrets secrets,
    IApplianceStore appliance,
    IOptions<RockstorOptions> options,
    TaskSchedule schedule,
    TimeProvider time,
    ILogger<ConfigurationStore> logger) : IConfigurationStore
{
    private const string Collections = "collections";
    private const string Certificate = "certificate";
    private const string Pools = "pools";
    private const string Shares = "shares";
    private const string PeerCredential = "OutgoingCredential";
    private const string SmtpPassword = "SmtpPassword";
    private const string PendingFingerprint = "PendingFingerprint";

    private string CertificateFile => Path.Combine(options.Value.DataDirectory, "tls", ApplianceCertificate.FileName);

    public ApplianceInfo Appliance() => appliance.Get() ?? throw new InvalidOperationException("The appliance identity has not been made yet.");

    public byte[] Read()
    {
        var collections = new BsonDocument();
        foreach (var name in ConfigurationCollections.Exported)
        {
            var documents = db.Database.GetCollection(name).FindAll().ToList();
            foreach (var document in documents)
            {
                Reveal(name, document);
            }

            collections[name] = new BsonArray(documents);
        }

        var payload = new BsonDocument
        {
            [Collections] = collections,
            [Certificate] = File.ReadAllBytes(CertificateFile),
            [Pools] = new BsonArray(db.Pools.FindAll().Select(p => new BsonValue(p.Name))),

            // The shares wait for their pool's import, which finds them by subvolume uuid (AwaitedShares).
            [Shares] = new BsonArray(db.Database.GetCollection(Shares).Find(Query.And(Query.Not("Uuid", ""), Query.EQ("Kind", "Regular")))),
        };
        return BsonSerializer.Serialize(payload);
    }

    public ImportedConfiguration Write(byte[] payload)
    {
        var (collections, certificate, pools, awaited) = Parse(payload);
        var temporary = CertificateFile + ".import";
        Directory.CreateDirectory(Path.GetDirectoryName(CertificateFile)!);
        File.WriteAllBytes(temporary, certificate);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!db.Database.BeginTrans())
        {
            File.Delete(temporary);
            throw new InvalidOperationException("The store is already in a transaction on this thread.");
        }

        try
        {
            foreach (var name in ConfigurationCollections.Exported)
            {
                var collection = db.Database.GetCollection(name);
                collection.DeleteAll();
                var documents = collections[name];
                if (documents.Count > 0)
                {
                    collection.InsertBulk(documents);
                }

                counts[name] = documents.Count;
            }

            var awaitedShares = db.Database.GetCollection(AwaitedShares.CollectionName);
            awaitedShares.DeleteAll();
            if (awaited.Count > 0)
            {
                awaitedShares.InsertBulk(awaited);
            }

            counts[Shares] = awaited.Count;
            foreach (var name in ConfigurationCollections.ClearedOnImport)
            {
                db.Database.GetCollection(name).DeleteAll();
            }

            db.Database.Commit();
        }
        catch
        {
            db.Database.Rollback();
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, CertificateFile, overwrite: true);
        logger.LogWarning("Imported a configuration ({Counts}); the certificate is replaced and is presented after a restart", string.Join(", ", counts.Where(c => c.Value > 0).Select(c => $"{c.Key} {c.Value}")));
        return new ImportedConfiguration(counts, pools);
    }

    public ImportedAccounts Accounts(byte[] payload)
    {
        var collections = Deserialize(payload)[Collections];
        List<BsonDocument> Documents(string name) =>
            collections.IsDocument && collections.AsDocument[name].IsArray ? collections.AsDocument[name].AsArray.Where(v => v.IsDocument).Select(v => v.AsDocument).ToList() : [];
        try
        {
            return new ImportedAccounts(
                Documents("local_users").Select(d => LocalUserRepository.ToUser(db.Database.Mapper.ToObject<LocalUserDocument>(d))).ToList(),
                Documents("local_groups").Select(d => LocalGroupRepository.ToGroup(db.Database.Mapper.ToObject<LocalGroupDocument>(d))).ToList());
        }
        catch (Exception e) when (e is LiteException or InvalidCastException or FormatException or ArgumentException or OverflowException or NullReferenceException)
        {
            throw new ValidationException("The file was not imported and nothing was changed. Its users or groups are not of the shape this appliance keeps.");
        }
    }

    private static BsonDocument Deserialize(byte[] payload)
    {
        try
        {
            return BsonSerializer.Deserialize(payload);
        }
        catch (Exception e) when (e is LiteException or ArgumentException or IndexOutOfRangeException or InvalidCastException)
        {
            throw new ValidationException("The file opened, but what it holds could not be read.");
        }
    }

    /// <summary>The payload's parts, checked before anything is written; secrets encrypted for this machine.</summary>
    private (Dictionary<string, List<BsonDocument>> Collections, byte[] Certificate, IReadOnlyList<string> Pools, List<BsonDocument> Shares) Parse(byte[] payload)
    {
        var document = Deserialize(payload);

        if (!document[Collections].IsDocument || !document[Certificate].IsBinary || !document[Pools].IsArray || !document[Shares].IsArray)
        {
            throw new ValidationException("The file opened, but it lacks parts of a configuration.");
        }

        var collections = new Dictionary<string, List<BsonDocument>>(StringComparer.Ordinal);
        foreach (var name in ConfigurationCollections.Exported)
        {
            var value = document[Collections].AsDocument[name];
            var documents = value.IsArray ? value.AsArray.Where(v => v.IsDocument).Select(v => v.AsDocument).ToList() : [];
            foreach (var each in documents)
            {
                Conceal(name, each);
                if (name == "paired_appliances")
                {
                    // A re-pin waiting for the admin's word is a moment between two running appliances, not configuration.
                    each[PendingFingerprint] = BsonValue.Null;
                }
            }

            collections[name] = documents;
        }

        if (collections["appliance"].Count != 1 || collections["users"].Count == 0)
        {
            throw new ValidationException("The file opened, but it holds no appliance identity or no admin account.");
        }

        ImportedRecords.Check(db.Database.Mapper, collections, schedule, time.GetUtcNow());
        var certificate = document[Certificate].AsBinary;
        try
        {
            using var loaded = X509CertificateLoader.LoadPkcs12(certificate, password: null, X509KeyStorageFlags.EphemeralKeySet);
            if (!loaded.HasPrivateKey)
            {
                throw new ValidationException("The file's certificate has no private key.");
            }
        }
        catch (CryptographicException)
        {
            throw new ValidationException("The file's certificate could not be read.");
        }

        var pools = document[Pools].AsArray.Where(p => p.IsString).Select(p => p.AsString).ToList();
        var shares = document[Shares].AsArray.Where(v => v.IsDocument).Select(v => v.AsDocument).ToList();
        return (collections, certificate, pools, shares);
    }

    /// <summary>A secret decrypted for the file (which is itself encrypted).</summary>
    private void Reveal(string collection, BsonDocument document)
    {
        if (collection == "paired_appliances" && document[PeerCredential].IsString)
        {
            document[PeerCredential] = secrets.UnprotectPeerCredential(document[PeerCredential].AsString, document["Hostname"].IsString ? document["Hostname"].AsString : "a peer");
        }
        else if (collection == "alert_settings" && document[SmtpPassword].IsString)
        {
            document[SmtpPassword] = secrets.UnprotectSmtpPassword(document[SmtpPassword].AsString) is { } clear ? new BsonValue(clear) : BsonValue.Null;
        }
    }

    /// <summary>A secret from the file encrypted with this machine's keys, as the store keeps it.</summary>
    private void Conceal(string collection, BsonDocument document)
    {
        if (collection == "paired_appliances" && document[PeerCredential].IsString)
        {
            document[PeerCredential] = secrets.ProtectPeerCredential(document[PeerCredential].AsString);
        }
        else if (collection == "alert_settings" && document[SmtpPassword].IsString)
        {
            document[SmtpPassword] = secrets.ProtectSmtpPassword(document[SmtpPassword].AsString);
        }
    }
}
