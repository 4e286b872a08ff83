using System.Net;
using LiteDB;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Alerts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Nfs;
using Rockstor.Domain.Replication.Listening;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Sftp;
using Rockstor.Domain.Smb;
using Rockstor.Domain.Updates;
using Rockstor.Domain.Users;
using Rockstor.Infrastructure.Alerts;
using Rockstor.Infrastructure.Persistence;
using Rockstor.Infrastructure.Updates;

namespace Rockstor.Infrastructure.Configuration;

/// <summary>
/// The records of a configuration file, read through the documents their stores keep and held to the
/// rules the API holds the admin's input to (ADR-039): a file is only as trusted as what could be typed.
/// The first record that breaks a rule refuses the whole file, before anything is written. What the rules
/// need of the machine itself (a name DNS resolves, a share's pool) is left to the features that use it.
/// </summary>
internal static class ImportedRecords
{
    private const string Refusal = "The file was not imported and nothing was changed. ";

    public static void Check(BsonMapper mapper, IReadOnlyDictionary<string, List<BsonDocument>> collections, TaskSchedule schedule, DateTimeOffset now)
    {
        try
        {
            var appliance = Read<ApplianceDocument>(mapper, collections, "appliance").Single();
            CheckAppliance(appliance);
            foreach (var admin in Read<UserDocument>(mapper, collections, "users"))
            {
                AccountService.ValidateUsername(admin.Username);
            }

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

            var peers = Read<PairedApplianceDocument>(mapper, collections, "paired_appliances");
            foreach (var peer in peers)
            {
                CheckPeer(peer);
            }

            var targets = peers.Select(p => p.Id).Append(appliance.Id).ToHashSet(StringComparer.Ordinal);
            ImportedSchedules.Check(mapper, collections, targets, appliance.Id, schedule, now);
            foreach (var alerts in Read<AlertSettingsDocument>(mapper, collections, "alert_settings"))
            {
                CheckAlerts(alerts);
            }

            foreach (var sftp in Read<SftpSettingsDocument>(mapper, collections, "sftp_settings"))
            {
                if (sftp.Port is { } port)
                {
                    About("The SFTP settings", () => SftpRules.Port(port));
                }
            }

            foreach (var receive in Read<ReceiveSettingsDocument>(mapper, collections, "receive_settings"))
            {
                About("The receive settings", () => ReplicaProtection.RequireDays(receive.ProtectionDays));
            }

            foreach (var replica in Read<IncomingReplicaDocument>(mapper, collections, "incoming_replicas"))
            {
                About($"The incoming replica '{Echo.Of(replica.ReplicaShare)}'", () =>
                {
                    replica.Retention?.ToPolicy().Validate();
                    if (replica.ProtectionDays is { } days)
                    {
                        ReplicaProtection.RequireDays(days);
                    }
                });
            }
        }
        catch (ValidationException e)
        {
            throw new ValidationException(Refusal + e.Message);
        }
    }

    /// <summary>The appliance's identity as setup and the System screen take it: an appliance id and a hostname.</summary>
    private static void CheckAppliance(ApplianceDocument appliance)
    {
        if (!ApplianceIds.IsValid(appliance.Id))
        {
            throw new ValidationException($"The appliance id '{Echo.Of(appliance.Id)}' is not an appliance id.");
        }

        if (appliance.Hostname is not null)
        {
            About("The appliance's hostname", () => Hostnames.Validate(appliance.Hostname));
        }
    }

    /// <summary>A paired appliance as pairing takes its card: an id, a hostname, an address, two ports and a fingerprint.</summary>
    private static void CheckPeer(PairedApplianceDocument peer)
    {
        About($"The paired appliance '{Echo.Of(peer.Hostname)}'", () =>
        {
            if (!ApplianceIds.IsValid(peer.Id))
            {
                throw new ValidationException($"'{Echo.Of(peer.Id)}' is not an appliance id.");
            }

            Hostnames.Validate(peer.Hostname);
            NetworkHost.Validate(peer.Host, "address");
            PairingService.ValidatePort(peer.ManagementPort, "management port");
            PairingService.ValidatePort(peer.ReplicationPort, "replication port");
            if (peer.CertificateFingerprint.Length != 64 || !peer.CertificateFingerprint.All(char.IsAsciiHexDigit))
            {
                throw new ValidationException("Its certificate fingerprint is not 64 hexadecimal characters.");
            }
        });
    }

    /// <summary>
    /// The alert settings as AlertSettingsRequest takes them. A webhook to this machine is refused unless
    /// they allow it when its host is an address; a name is resolved by the webhook channel each time it posts.
    /// </summary>
    private static void CheckAlerts(AlertSettingsDocument alerts)
    {
        About("The alert settings", () =>
        {
            if (alerts.SmtpHost is not null)
            {
                NetworkHost.Validate(alerts.SmtpHost, "SMTP server");
                AlertRules.Security(alerts.SmtpSecurity);
                AlertRules.SmtpPort(alerts.SmtpPort);
                AlertRules.Address(alerts.EmailFrom, "sender (from)");
                AlertRules.Recipients(alerts.EmailTo);
            }

            if (AlertRules.WebhookUrl(alerts.WebhookUrl) is { } url
                && IPAddress.TryParse(WebhookTarget.Host(url), out var address)
                && WebhookTarget.Refusal(url, [address], alerts.AllowLoopbackWebhook) is { } refusal)
            {
                throw new ValidationException(refusal);
            }

            // 0 and 0: a store written before thresholds, which keeps the defaults.
            if (alerts.CapacityWarnPercent != 0 || alerts.CapacityCriticalPercent != 0)
            {
                AlertRules.Thresholds(alerts.CapacityWarnPercent, alerts.CapacityCriticalPercent);
            }
        });
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

    /// <summary>Runs a record's checks; a sentence of theirs is said of the record (<paramref name="record"/>: "The SFTP settings").</summary>
    internal static void About(string record, Action check)
    {
        try
        {
            check();
        }
        catch (ValidationException e)
        {
            throw new ValidationException($"{record}: {e.Message}");
        }
    }

    internal static List<T> Read<T>(BsonMapper mapper, IReadOnlyDictionary<string, List<BsonDocument>> collections, string name)
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
