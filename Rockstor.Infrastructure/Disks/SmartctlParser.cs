using System.Text.Json;
using Rockstor.Domain.Disks.Smart;

namespace Rockstor.Infrastructure.Disks;

/// <summary>
/// Reads <c>smartctl -j -a</c>'s output: ATA (SATA disks and SSDs, also behind USB bridges) and NVMe. A disk
/// with no SMART data at all (a virtual disk, a loop device) is reported as such, with smartctl's words.
/// </summary>
internal static class SmartctlParser
{
    // ATA attribute ids.
    private const int Reallocated = 5;
    private const int ReportedUncorrectable = 187;
    private const int Pending = 197;
    private const int OfflineUncorrectable = 198;

    /// <summary>ATA attributes whose normalised value is the life left (100 new), by vendor: wear levelling, wear-out, life left, lifetime remaining.</summary>
    private static readonly int[] LifeLeft = [177, 233, 231, 202];

    public static SmartReport Parse(string device, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var nvme = Child(root, "nvme_smart_health_information_log");
        var attributes = Child(Child(root, "ata_smart_attributes"), "table");
        if (Child(root, "smart_status") is null && nvme is null && attributes is null)
        {
            return SmartReport.None(device, NoSmart(root));
        }

        var kind = Text(Child(root, "device"), "protocol") == "NVMe" ? DiskKind.Nvme
            : Number(root, "rotation_rate") switch
            {
                0 => DiskKind.Ssd,
                > 0 => DiskKind.Hdd,
                _ => DiskKind.Unknown,
            };
        var ata = Attributes(attributes);
        var vitals = nvme is { } log
            ? new SmartVitals(
                TemperatureCelsius: (int?)(Number(Child(root, "temperature"), "current") ?? Number(log, "temperature")),
                PowerOnHours: Number(Child(root, "power_on_time"), "hours") ?? Number(log, "power_on_hours"),
                WearUsedPercent: (int?)Number(log, "percentage_used"),
                MediaErrors: Number(log, "media_errors"))
            : new SmartVitals(
                ReallocatedSectors: Raw(ata, Reallocated),
                PendingSectors: Raw(ata, Pending),
                UncorrectableSectors: Raw(ata, OfflineUncorrectable) ?? Raw(ata, ReportedUncorrectable),
                TemperatureCelsius: (int?)Number(Child(root, "temperature"), "current"),
                PowerOnHours: Number(Child(root, "power_on_time"), "hours"),
                WearUsedPercent: kind == DiskKind.Ssd ? WearUsed(root, ata) : null);

        return new SmartReport(
            device,
            true,
            null,
            kind,
            Text(root, "model_name"),
            Text(root, "serial_number"),
            Child(root, "smart_status") is { } status && status.TryGetProperty("passed", out var passed) ? passed.GetBoolean() : null,
            vitals,
            nvme is { } errors ? Number(errors, "num_err_log_entries") ?? 0 : AtaErrors(root),
            SelfTests(root),
            Remaining(root));
    }

    /// <summary>Why there is nothing: smartctl's first error, in a sentence that says what it means.</summary>
    private static string NoSmart(JsonElement root)
    {
        var said = Child(Child(root, "smartctl"), "messages") is { ValueKind: JsonValueKind.Array } messages
            ? messages.EnumerateArray().Select(m => Text(m, "string")).FirstOrDefault(m => m is not null)
            : null;
        return "This disk reports no SMART data (virtual disks and loop devices have none)" + (said is null ? "." : $": {said}.");
    }

    /// <summary>The share of rated endurance used: smartctl's own figure where it has one, else 100 less the life-left attribute.</summary>
    private static int? WearUsed(JsonElement root, Dictionary<int, JsonElement> ata)
    {
        if (Number(Child(root, "endurance_used"), "current_percent") is { } used)
        {
            return (int)used;
        }

        foreach (var id in LifeLeft)
        {
            if (ata.TryGetValue(id, out var attribute) && Number(attribute, "value") is { } left and >= 0 and <= 100)
            {
                return (int)(100 - left);
            }
        }

        return null;
    }

    private static List<SelfTestResult> SelfTests(JsonElement root)
    {
        var results = new List<SelfTestResult>();
        var log = Child(root, "ata_smart_self_test_log");
        if (Child(Child(log, "standard") ?? Child(log, "extended"), "table") is { ValueKind: JsonValueKind.Array } ata)
        {
            foreach (var entry in ata.EnumerateArray())
            {
                var status = Child(entry, "status");
                results.Add(new SelfTestResult(
                    Text(Child(entry, "type"), "string") ?? "unknown",
                    Text(status, "string") ?? "unknown",
                    status is { } s && s.TryGetProperty("passed", out var passed) && passed.GetBoolean(),
                    Number(entry, "lifetime_hours")));
            }
        }

        if (Child(Child(root, "nvme_self_test_log"), "table") is { ValueKind: JsonValueKind.Array } nvme)
        {
            foreach (var entry in nvme.EnumerateArray())
            {
                var result = Child(entry, "self_test_result");
                results.Add(new SelfTestResult(
                    Text(Child(entry, "self_test_code"), "string") ?? "unknown",
                    Text(result, "string") ?? "unknown",
                    Number(result, "value") == 0,
                    Number(entry, "power_on_hours")));
            }
        }

        return results;
    }

    /// <summary>Errors the disk logged over its life: the summary of its standard log, or of its extended one (smartctl -a reads either).</summary>
    private static long AtaErrors(JsonElement root)
    {
        var log = Child(root, "ata_smart_error_log");
        return Number(Child(log, "summary"), "count") ?? Number(Child(log, "extended"), "count") ?? 0;
    }

    /// <summary>How much of the self-test under way is left, in percent; null when none runs.</summary>
    private static int? Remaining(JsonElement root)
    {
        if (Number(Child(Child(Child(root, "ata_smart_data"), "self_test"), "status"), "remaining_percent") is { } ata)
        {
            return (int)ata;
        }

        var nvme = Child(root, "nvme_self_test_log");
        return Number(Child(nvme, "current_self_test_operation"), "value") is > 0
            ? 100 - (int)(Number(nvme, "current_self_test_completion_percent") ?? 0)
            : null;
    }

    private static Dictionary<int, JsonElement> Attributes(JsonElement? table) =>
        table is { ValueKind: JsonValueKind.Array } rows
            ? rows.EnumerateArray().Where(r => Number(r, "id") is not null).GroupBy(r => (int)Number(r, "id")!.Value).ToDictionary(g => g.Key, g => g.First())
            : [];

    /// <summary>An attribute's raw count (its low 48 bits: some drives put more in the bytes above).</summary>
    private static long? Raw(Dictionary<int, JsonElement> ata, int id) =>
        ata.TryGetValue(id, out var attribute) && Number(Child(attribute, "raw"), "value") is { } raw ? raw & 0xFFFF_FFFF_FFFF : null;

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty(name, out var child) ? child : null;

    private static string? Text(JsonElement? parent, string name) =>
        Child(parent, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static long? Number(JsonElement? parent, string name) =>
        Child(parent, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var number) ? number : null;
}
