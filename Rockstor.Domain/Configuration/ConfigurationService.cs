using System.Globalization;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Replication.Tasks;
using Rockstor.Domain.Schedules;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Configuration;

/// <summary>
/// Exports the appliance's configuration to a file encrypted with the admin's passphrase, and imports one
/// on a fresh install (ADR-039): after a pool import, a rebuilt system disk is back where it was.
/// </summary>
public sealed class ConfigurationService(
    IConfigurationStore store,
    IPoolRepository pools,
    IShareRepository shares,
    IPairedApplianceRepository pairings,
    IReplicationTaskRepository tasks,
    ReplicationTaskService taskService,
    SnapshotScheduleService snapshotSchedules,
    SelfTestScheduleService selfTestSchedules,
    ISnapshotScheduler snapshotScheduler,
    ILocalGroupRepository localGroups,
    ILocalUserRepository localUsers,
    IAccountDatabase accounts,
    IAccountIdLedger accountIds,
    StorageLock storageLock,
    AccountLock accountLock,
    TimeProvider time)
{
    public const string RestartStep = "Restart the appliance to finish: it then presents the imported certificate (the one its peers pinned) and starts the imported services.";

    public async Task<ConfigurationExport> ExportAsync(string? passphrase, CancellationToken ct)
    {
        var valid = ConfigurationPassphrase.Validate(passphrase);
        byte[] payload;
        ApplianceInfo appliance;
        using (await storageLock.AcquireAsync(ct).ConfigureAwait(false))
        {
            payload = store.Read();
            appliance = store.Appliance();
        }

        var now = time.GetUtcNow();
        var file = ConfigurationFile.Seal(payload, valid, appliance.Id, appliance.Hostname, now);
        return new ConfigurationExport(FileName(appliance, now), file);
    }

    /// <summary>The name to save an export under: rockstor-&lt;hostname&gt;-&lt;yyyyMMdd-HHmm&gt;.rockstor-config.</summary>
    public static string FileName(ApplianceInfo appliance, DateTimeOffset at) =>
        $"rockstor-{appliance.Hostname ?? appliance.Id}-{at.UtcDateTime.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture)}{ConfigurationFile.Extension}";

    /// <summary>
    /// Replaces this appliance's configuration with the file's, only on a fresh install; a wrong passphrase,
    /// a damaged file or an appliance already in use changes nothing.
    /// </summary>
    public async Task<ImportOutcome> ImportAsync(byte[] file, string? passphrase, CancellationToken ct)
    {
        var valid = ConfigurationPassphrase.Validate(passphrase);
        var header = ConfigurationFile.ReadHeader(file);
        using var accountsHeld = await accountLock.AcquireAsync(ct).ConfigureAwait(false);
        using var storageHeld = await storageLock.AcquireAsync(ct).ConfigureAwait(false);
        RequireFresh();
        var payload = ConfigurationFile.Open(file, valid);
        store.Accounts(payload).Check(accounts); // before the write: the accounts are made on this machine after it
        var scheduledBefore = snapshotSchedules.List().Select(s => s.Id).ToList(); // a fresh install may have made some
        var imported = store.Write(payload);

        foreach (var gone in scheduledBefore.Except(snapshotSchedules.List().Select(s => s.Id)))
        {
            snapshotScheduler.Unschedule(gone);
        }

        taskService.ScheduleAll();
        snapshotSchedules.ScheduleAll();
        selfTestSchedules.ScheduleAll();
        var steps = new List<string>();
        IReadOnlyList<string> missing;
        try
        {
            missing = await RecreateAccountsAsync(ct).ConfigureAwait(false);
        }
        catch (RockstorException e)
        {
            missing = [];
            steps.Add($"Some users or groups could not be made on this machine ({e.Message}); check them on the Users screen.");
        }

        if (imported.Pools.Count > 0)
        {
            steps.Add($"Import the pool{(imported.Pools.Count == 1 ? "" : "s")} {string.Join(", ", imported.Pools.Select(p => $"'{p}'"))} on the Pools screen: the replication tasks and schedules wait for them.");
        }

        if (missing.Count > 0)
        {
            steps.Add($"Set the password{(missing.Count == 1 ? "" : "s")} of {string.Join(", ", missing.Select(u => $"'{u}'"))} again on the Users screen: passwords are kept by the system, not in the file.");
        }

        steps.Add(RestartStep);
        return new ImportOutcome(header.ApplianceId, header.Hostname, imported.Counts, steps, RestartNeeded: true);
    }

    private void RequireFresh()
    {
        var inUse = new List<string>();
        if (pools.List().Count > 0)
        {
            inUse.Add("pools");
        }

        if (shares.List().Count > 0)
        {
            inUse.Add("shares");
        }

        if (pairings.List().Count > 0)
        {
            inUse.Add("paired appliances");
        }

        if (tasks.List().Count > 0)
        {
            inUse.Add("replication tasks");
        }

        if (inUse.Count > 0)
        {
            throw new ConflictException($"A configuration is imported only on a freshly installed appliance; this one has {string.Join(", ", inUse)}. Nothing was changed.");
        }
    }

    /// <summary>Makes the system accounts of the imported users and groups that this machine lacks; returns the users made (without a password).</summary>
    private async Task<IReadOnlyList<string>> RecreateAccountsAsync(CancellationToken ct)
    {
        var systemGroups = accounts.Groups().Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var group in localGroups.List().Where(g => !systemGroups.Contains(g.Name)))
        {
            await accounts.CreateGroupAsync(group.Name, group.Gid, ct).ConfigureAwait(false);
        }

        var made = new List<string>();
        var systemUsers = accounts.Users().Select(u => u.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var user in localUsers.List().Where(u => !systemUsers.Contains(u.Name)))
        {
            if (!accounts.Groups().Any(g => g.Name == user.PrimaryGroup))
            {
                // The user's own group, made with it and not kept among the groups the admin made.
                var gid = AccountIds.Next(accounts.Groups().Select(g => g.Gid), accountIds.HighestGid());
                await accounts.CreateGroupAsync(user.PrimaryGroup, gid, ct).ConfigureAwait(false);
                accountIds.RecordGid(gid);
            }

            await accounts.CreateUserAsync(new NewSystemUser(user.Name, user.Uid, user.PrimaryGroup, user.FullName, user.Shell), ct).ConfigureAwait(false);
            made.Add(user.Name);
        }

        return made;
    }
}
