using System.Text.Json;

namespace Rockstor.Infrastructure.Storage;

/// <summary>A block device from <c>lsblk -J -b</c>, with its partitions and holders as children.</summary>
internal sealed record LsblkDevice(
    string Name,
    string Path,
    string Type,
    long Size,
    IReadOnlyList<string> MountPoints,
    string? Model,
    string? Serial,
    bool ReadOnly,
    IReadOnlyList<LsblkDevice> Children)
{
    /// <summary>Whether the device or anything on it is mounted at the given point.</summary>
    public bool Holds(string mountPoint) =>
        MountPoints.Contains(mountPoint) || Children.Any(c => c.Holds(mountPoint));

    public bool MountedAnywhere => MountPoints.Count > 0 || Children.Any(c => c.MountedAnywhere);
}

/// <summary>Parses <c>lsblk -J -b -o NAME,PATH,TYPE,SIZE,MOUNTPOINTS,MODEL,SERIAL,RO</c>.</summary>
internal static class LsblkParser
{
    public static IReadOnlyList<LsblkDevice> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("blockdevices").EnumerateArray().Select(Device).ToList();
    }

    private static LsblkDevice Device(JsonElement e)
    {
        var mountPoints = new List<string>();
        if (e.TryGetProperty("mountpoints", out var points) && points.ValueKind == JsonValueKind.Array)
        {
            mountPoints.AddRange(points.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!));
        }
        else if (e.TryGetProperty("mountpoint", out var point) && point.ValueKind == JsonValueKind.String)
        {
            mountPoints.Add(point.GetString()!);
        }

        var children = e.TryGetProperty("children", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(Device).ToList()
            : [];
        return new LsblkDevice(
            String(e, "name") ?? "",
            String(e, "path") ?? "/dev/" + String(e, "name"),
            String(e, "type") ?? "",
            e.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : 0,
            mountPoints,
            String(e, "model")?.Trim(),
            String(e, "serial")?.Trim(),
            e.TryGetProperty("ro", out var ro) && ro.ValueKind == JsonValueKind.True,
            children);
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
