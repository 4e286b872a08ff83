using Rockstor.Domain.Alerts;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Disks.Smart;

/// <summary>
/// Reads every disk's SMART data and raises a disk's alert when its own verdict is that it is failing,
/// when it has sectors it could not read (pending), or when a count that tells of wear grew
/// (reallocated, pending, uncorrectable sectors, NVMe media errors). The alert is resolved once the disk
/// is gone (replaced), or its verdict passes, nothing is pending and no count grew for
/// <see cref="QuietDays"/> days. The disks are listed without reading them and SMART is read without
/// waking a disk that sleeps: a disk that is asleep, or whose SMART cannot be read this time, is passed
/// over and its alert left as it is.
/// </summary>
public sealed class SmartAlerts(IBlockDevices devices, IPoolRepository pools, ISmartReader reader, ISmartBaselines baselines, AlertService alerts, TimeProvider time)
{
    /// <summary>Days without growth after which a disk's alert for a grown count is resolved.</summary>
    public const int QuietDays = 7;

    private const string KeyPrefix = "disk:";

    public static string KeyOf(string serial) => KeyPrefix + serial;

    public async Task CheckAsync(CancellationToken ct)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        var known = pools.List();
        foreach (var disk in await devices.ListDisksUnreadAsync(ct).ConfigureAwait(false))
        {
            if (disk.Serial is { Length: > 0 } listed)
            {
                present.Add(listed);
            }

            var report = await reader.ReadIfAwakeAsync(disk.Path, ct).ConfigureAwait(false);
            if (!report.Supported || (disk.Serial ?? report.Serial) is not { Length: > 0 } serial)
            {
                continue; // asleep, unreadable this time, or no SMART at all: nothing learnt
            }

            present.Add(serial);
            var pool = known.FirstOrDefault(p => p.Devices.Contains(disk.Path, StringComparer.Ordinal))?.Name;
            await CheckAsync(disk, pool, report, serial, ct).ConfigureAwait(false);
        }

        // A disk that left (replaced, pulled) no longer threatens anything.
        foreach (var open in alerts.List(openOnly: true, take: 1000).Where(a => a.Kind == AlertKind.Smart && a.About is { } about && about.StartsWith(KeyPrefix, StringComparison.Ordinal)))
        {
            if (!present.Contains(open.About![KeyPrefix.Length..]))
            {
                await alerts.ResolveAboutAsync(AlertKind.Smart, open.About, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task CheckAsync(BlockDevice disk, string? pool, SmartReport report, string serial, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var before = baselines.Find(serial);
        var seen = SmartBaseline.Of(serial, report.Vitals, before);
        var grown = before?.Growth(seen) ?? [];
        if (grown.Count > 0)
        {
            seen = seen with { LastWorsenedAt = now };
        }

        if (before is null || !before.SameCounts(seen))
        {
            baselines.Save(seen);
        }

        var key = KeyOf(serial);
        var problems = new List<string>();
        if (report.Passed == false)
        {
            problems.Add("its own health verdict is FAILED: the disk expects to fail soon");
        }

        if (grown.Count > 0)
        {
            problems.Add($"counts that tell of wear grew ({string.Join(", ", grown)})");
        }
        else if (seen.PendingSectors > 0)
        {
            problems.Add($"{seen.PendingSectors} sector(s) could not be read and wait to be reallocated");
        }

        if (problems.Count > 0)
        {
            var where = pool is not null ? $" It is a disk of pool '{pool}'." : "";
            await alerts.RaiseAboutAsync(
                    AlertKind.Smart,
                    key,
                    $"disk {disk.Path} ({report.Model ?? disk.Model ?? "unknown model"}, serial {serial})",
                    $"The disk's SMART data says {string.Join("; and ", problems)}.{where} Check that its data is safe elsewhere (a current replica or backup), "
                    + "run a long self-test, and replace the disk (Replace disk on the pool's page) before it fails.",
                    ct)
                .ConfigureAwait(false);
            return;
        }

        var quiet = seen.LastWorsenedAt is not { } worsened || now - worsened >= TimeSpan.FromDays(QuietDays);
        if (quiet && alerts.OpenAbout(AlertKind.Smart, key) is not null)
        {
            await alerts.ResolveAboutAsync(AlertKind.Smart, key, ct).ConfigureAwait(false);
        }
    }
}
