using LiteDB;
using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Updates;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Updates;

namespace Rockstor.Infrastructure.Configuration;

/// <summary>
/// The records of a configuration file, read through the documents their stores keep and held to the
/// rules the API holds the admin's input to (ADR-039): a file is only as trusted as what could be typed.
/// The first record that breaks a rule refuses the whole file, before anything is written.
/// </summary>
internal static class ImportedRecords
{
    private const string Refusal = "The file was not imported and nothing was changed. ";

    public static void Check(BsonMapper mapper, IReadOnlyDictionary<string, List<BsonDocument>> collections)
    {
        try
        {
            var users = Read<LocalUserDocument>(mapper, collections, "local_users");
            var groups = Read<LocalGroupDocument>(mapper, collections, "local_groups");
            CheckAccounts(users, groups);
            var userNames = users.Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
            var groupNames = groups.Select(g => g.Name).Append(AccountResolver.UsersGroup).ToHashSet(StringComparer.Ordinal);

            foreach (var settings in Read<SmbSettingsDocument>(mapper, collections, "smb_settings"))
            {
                SmbRules.Workgroup(settings.Workgroup);
                SmbRules.GlobalOptions(settings.GlobalOptions);
            }

            foreach (var export in Read<SmbExportDocument>(mapper, collections, "smb_exports"))
            {
                Members(export.Users, userNames, "user", export.Share);
                Members(export.Groups, groupNames, "group", export.Share);
            }

            foreach (var export in Read<SftpExportDocument>(mapper, collections, "sftp_exports"))
            {
                Members(export.Users, userNames, "user", export.Share);
            }

            foreach (var export in Read<NfsExportDocument>(mapper, collections, "nfs_exports"))
            {
                NfsRules.Clients(export.Clients.Select(c => new NfsClientRequest(c.Host, c.ReadOnly ? "ro" : "rw", c.RootSquash, c.AllSquash)).ToList(), export.Enabled);
            }

            foreach (var update in Read<UpdateSettingsDocument>(mapper, collections, "update_settings"))
            {
                if (update.Source is not null)
                {
                    UpdateSource.Validate(update.Source);
                }

                if (update.Window is not null)
                {
                    UpdateWindow.Parse(update.Window);
                }
            }

            foreach (var listener in Read<ReplicationListenerDocument>(mapper, collections, "replication_listener"))
            {
                if (listener.Port is < ReplicationListenerService.MinPort or > ReplicationListenerService.MaxPort)
                {
                    throw new ValidationException($"The replication listener's port {listener.Port} is not a port.");
                }

                if (listener.ListenAddress is not null && !System.Net.IPAddress.TryParse(listener.ListenAddress, out _))
                {
                    throw new ValidationException($"The replication listener's address '{Echo.Of(listener.ListenAddress)}' is not an IP address.");
                }
            }

            foreach (var peer in Read<PairedApplianceDocument>(mapper, collections, "paired_appliances"))
            {
                if (peer.CertificateFingerprint.Length != 64 || !peer.CertificateFingerprint.All(char.IsAsciiHexDigit))
                {
                    throw new ValidationException($"The certificate fingerprint of the peer '{Echo.Of(peer.Hostname)}' is not 64 hexadecimal characters.");
                }
            }
        }
        catch (ValidationException e)
        {
            throw new ValidationException(Refusal + e.Message);
        }
    }

    /// <summary>
    /// What UserService and GroupService require of an account the admin makes: a valid name that is not
    /// reserved, an id among ordinary accounts, a comment field of one line, and a primary group that is
    /// the user's own or one of the groups made with it. The machine's shells and ids are checked by
    /// ConfigurationService, which knows the machine.
    /// </summary>
    private static void CheckAccounts(List<LocalUserDocument> users, List<LocalGroupDocument> groups)
    {
        foreach (var group in groups)
        {
            AccountRules.Name(group.Name, "group");
            AccountRules.Id(group.Gid, "group");
        }

        Unique(groups.Select(g => g.Gid), "group id");
        var groupNames = groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var user in users)
        {
            AccountRules.Name(user.Name, "user");
            AccountRules.Id(user.Uid, "user");
            AccountRules.FullName(user.FullName);
            AccountRules.PublicKey(user.PublicKey);
            var ownGroup = user.OwnGroup && user.PrimaryGroup == user.Name;
            if (!ownGroup && !groupNames.Contains(user.PrimaryGroup))
            {
                throw new ValidationException($"The primary group '{Echo.Of(user.PrimaryGroup)}' of '{user.Name}' is neither the user's own group nor one of the groups in the file.");
            }
        }

        Unique(users.Select(u => u.Uid), "user id");
    }

    private static void Unique(IEnumerable<int> ids, string what)
    {
        if (ids.GroupBy(i => i).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ValidationException($"The {what} {twice.Key} is given to more than one account.");
        }
    }

    private static void Members(List<string> names, HashSet<string> known, string what, string share)
    {
        if (names.FirstOrDefault(n => !known.Contains(n)) is { } stranger)
        {
            throw new ValidationException($"The share '{Echo.Of(share)}' gives access to the {what} '{Echo.Of(stranger)}', which is not one of the file's.");
        }
    }

    private static List<T> Read<T>(BsonMapper mapper, IReadOnlyDictionary<string, List<BsonDocument>> collections, string name)
    {
        try
        {
            return collections[name].Select(mapper.ToObject<T>).ToList();
        }
        catch (Exception e) when (e is LiteException or InvalidCastException or FormatException or ArgumentException or OverflowException or NullReferenceException)
        {
            throw new ValidationException($"The records of '{name}' are not of the shape this appliance keeps.");
        }
    }
}
