using System.Globalization;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// <see cref="IBtrfs"/> over btrfs-progs. This part holds the filesystem-wide commands; subvolumes are
/// in BtrfsCli.Subvolumes.cs.
/// </summary>
public sealed partial class BtrfsCli(CommandRunner runner, MountTable mounts, Microsoft.Extensions.Options.IOptions<RockstorOptions> options) : IBtrfs
{
    private const string Btrfs = "btrfs";

    public async Task<string> MakeFilesystemAsync(string label, RaidLevel level, IReadOnlyList<string> devices, CancellationToken ct)
    {
        List<string> arguments = ["-L", label, "-d", level.ToProfile()];
        if (MetadataProfile(level, devices.Count) is { } metadata)
        {
            arguments.AddRange(["-m", metadata]);
        }

        arguments.AddRange(devices);
        var output = await runner.RunAsync("mkfs.btrfs", arguments, $"Could not make a {level.ToProfile()} btrfs filesystem on {string.Join(", ", devices)}", ct)
            .ConfigureAwait(false);
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("UUID:", StringComparison.Ordinal))
            {
                return line["UUID:".Length..].Trim();
            }
        }

        throw new FormatException("mkfs.btrfs did not print the new filesystem's UUID.");
    }

    public Task EnableQuotaAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["quota", "enable", mountPoint], $"Could not enable quotas on {mountPoint}", ct);

    public Task SetSizeLimitAsync(string path, long? bytes, CancellationToken ct) =>
        runner.RunAsync(
            Btrfs,
            ["qgroup", "limit", bytes is { } limit ? limit.ToString(CultureInfo.InvariantCulture) : "none", path],
            $"Could not set the size limit of {path}",
            ct);

    public Task SetCompressionAsync(string path, ShareCompression compression, CancellationToken ct) =>
        runner.RunAsync(
            Btrfs,
            ["property", "set", path, "compression", compression switch
            {
                ShareCompression.Zstd => "zstd",
                ShareCompression.Lzo => "lzo",
                _ => "",
            }],
            $"Could not set the compression of {path}",
            ct);

    public async Task<FilesystemUsage> GetUsageAsync(string mountPoint, CancellationToken ct)
    {
        var output = await runner.RunAsync(Btrfs, ["filesystem", "usage", "-b", mountPoint], $"Could not read the usage of {mountPoint}", ct)
            .ConfigureAwait(false);
        return FilesystemUsageParser.Parse(output);
    }

    public Task AddDevicesAsync(string mountPoint, IReadOnlyList<string> devices, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["device", "add", .. devices, mountPoint], $"Could not add {string.Join(", ", devices)} to {mountPoint}", ct);

    /// <summary>The kernel lists every mounted btrfs filesystem under /sys/fs/btrfs by its uuid.</summary>
    public Task<bool> IsMountedAnywhereAsync(string uuid, CancellationToken ct) =>
        Task.FromResult(Directory.Exists(Path.Combine("/sys/fs/btrfs", Path.GetFileName(uuid.ToLowerInvariant()))));

    public async Task<FilesystemSummary> ShowFilesystemAsync(string uuid, CancellationToken ct)
    {
        var output = await runner.RunAsync(Btrfs, ["filesystem", "show", "--raw", uuid], $"Could not read the btrfs filesystem {uuid}", ct)
            .ConfigureAwait(false);
        return FilesystemShowParser.ParseSummary(output);
    }

    public async Task<ChunkProfiles> GetProfilesAsync(string mountPoint, CancellationToken ct)
    {
        var output = await runner.RunAsync(Btrfs, ["filesystem", "df", "-b", mountPoint], $"Could not read the raid profiles of {mountPoint}", ct)
            .ConfigureAwait(false);
        return ChunkProfilesParser.Parse(output);
    }

    public async Task<IReadOnlyList<PoolDevice>> ListDevicesAsync(string mountPoint, CancellationToken ct)
    {
        var shown = await runner.RunAsync(Btrfs, ["filesystem", "show", "--raw", mountPoint], $"Could not list the devices of {mountPoint}", ct)
            .ConfigureAwait(false);
        var stats = await runner.RunAsync(Btrfs, ["device", "stats", mountPoint], $"Could not read the error counters of {mountPoint}", ct)
            .ConfigureAwait(false);
        var errors = DeviceStatsParser.Parse(stats);
        return FilesystemShowParser.Parse(shown)
            .Select(d => new PoolDevice(
                d.DevId,
                d.Path,
                d.Size,
                d.Used,
                d.Path is null,
                errors.GetValueOrDefault(d.Path ?? $"devid:{d.DevId}") ?? errors.GetValueOrDefault($"devid:{d.DevId}") ?? DeviceErrors.None))
            .ToList();
    }

    public Task ResetDeviceErrorsAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["device", "stats", "-z", mountPoint], $"Could not reset the error counters of {mountPoint}", ct);

    public async Task<string?> GetMountedFilesystemUuidAsync(string mountPoint, CancellationToken ct)
    {
        if (!mounts.IsBtrfsMountPoint(mountPoint))
        {
            return null;
        }

        var output = await runner.RunAsync(Btrfs, ["filesystem", "show", mountPoint], $"Could not read the filesystem at {mountPoint}", ct)
            .ConfigureAwait(false);
        const string marker = "uuid: ";
        var at = output.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? null : output[(at + marker.Length)..].Split('\n')[0].Trim();
    }

    public async Task<IReadOnlyDictionary<long, QgroupSize>> GetQgroupSizesAsync(string mountPoint, CancellationToken ct)
    {
        var (exitCode, output) = await runner.ProbeAsync(Btrfs, ["qgroup", "show", "--raw", mountPoint], ct).ConfigureAwait(false);
        return exitCode == 0 ? QgroupShowParser.Parse(output) : new Dictionary<long, QgroupSize>();
    }

    /// <summary>Metadata is kept at least as redundant as data; raid5/6 keep metadata on raid1/raid1c3 as btrfs advises.</summary>
    internal static string? MetadataProfile(RaidLevel level, int deviceCount) => level switch
    {
        RaidLevel.Single => deviceCount == 1 ? null : "raid1",
        RaidLevel.Dup => "dup",
        RaidLevel.Raid1c3 => "raid1c3",
        RaidLevel.Raid1c4 => "raid1c4",
        RaidLevel.Raid0 => "raid1",
        RaidLevel.Raid1 => "raid1",
        RaidLevel.Raid10 => "raid10",
        RaidLevel.Raid5 => "raid1",
        RaidLevel.Raid6 => "raid1c3",
        _ => null,
    };
}
