using Microsoft.Extensions.Options;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary><see cref="IBlockDevices"/> over util-linux (lsblk, blkid, wipefs, losetup, mount) and btrfs device scan.</summary>
public sealed class LinuxBlockDevices(CommandRunner runner, MountTable mounts, IOptions<RockstorOptions> options) : IBlockDevices
{
    public const long MinimumDiskBytes = 1L << 30;

    public Task<IReadOnlyList<BlockDevice>> ListDisksAsync(CancellationToken ct) => ListAsync(probe: true, ct);

    public Task<IReadOnlyList<BlockDevice>> ListDisksUnreadAsync(CancellationToken ct) => ListAsync(probe: false, ct);

    private async Task<IReadOnlyList<BlockDevice>> ListAsync(bool probe, CancellationToken ct)
    {
        var json = await runner.RunAsync(
                "lsblk",
                ["-J", "-b", "-o", "NAME,PATH,TYPE,SIZE,MOUNTPOINTS,MODEL,SERIAL,RO"],
                "Could not list the block devices",
                ct)
            .ConfigureAwait(false);
        var allowLoop = options.Value.AllowLoopDevicesAsDisks;
        var mountedSources = mounts.Read().Select(m => m.Source).ToHashSet(StringComparer.Ordinal);
        var disks = new List<BlockDevice>();
        foreach (var device in LsblkParser.Parse(json))
        {
            var isDisk = device.Type == "disk" && !device.Name.StartsWith("zram", StringComparison.Ordinal);
            if (!isDisk && !(allowLoop && device.Type == "loop" && device.Size > 0))
            {
                continue;
            }

            // lsblk's FSTYPE comes from udev, which may not know; blkid probes the device itself (reading it,
            // which wakes a disk that sleeps).
            var found = BlkidProbe.Unreadable;
            if (probe)
            {
                var (exitCode, output) = await runner.ProbeAsync("blkid", ["-p", "-o", "export", device.Path], ct).ConfigureAwait(false);
                found = BlkidProbe.Parse(exitCode, output);
            }

            var mounted = device.MountedAnywhere || mountedSources.Contains(device.Path);
            disks.Add(new BlockDevice(device.Path, device.Size, device.Model, device.Serial, ReasonUnusable(device, found, mounted))
            {
                FilesystemType = found.Type,
                FilesystemUuid = found.Uuid,
                Probed = found.Probed,
                IsSystem = IsSystem(device),
                Mounted = mounted,
                HasPartitions = device.Children.Count > 0 || found.PartitionTable is not null,
                IsLoop = device.Type == "loop",
            });
        }

        return disks;
    }

    public Task WipeAsync(string device, CancellationToken ct) =>
        runner.RunAsync("wipefs", ["-a", device], $"Could not wipe {device}", ct);

    public async Task CreateImageFileAsync(string path, long sizeBytes, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.SetLength(sizeBytes);
    }

    public async Task<string> AttachLoopAsync(string imageFile, CancellationToken ct)
    {
        var attached = await LoopDevicesOfAsync(imageFile, ct).ConfigureAwait(false);
        if (attached.Count > 0)
        {
            return attached[0];
        }

        var output = await runner.RunAsync("losetup", ["--find", "--show", imageFile], $"Could not attach {imageFile} to a loop device", ct)
            .ConfigureAwait(false);
        return output.Trim();
    }

    public async Task DetachLoopAsync(string imageFile, CancellationToken ct)
    {
        foreach (var device in await LoopDevicesOfAsync(imageFile, ct).ConfigureAwait(false))
        {
            await runner.RunAsync("losetup", ["-d", device], $"Could not detach {device}", ct).ConfigureAwait(false);
        }
    }

    public Task MountAsync(IReadOnlyList<string> devices, string mountPoint, IReadOnlyList<string> options, CancellationToken ct)
    {
        List<string> all = [.. Restricted, .. options, .. devices.Skip(1).Any() ? devices.Select(d => "device=" + d) : []];
        return runner.RunAsync("mount", ["-t", "btrfs", "-o", string.Join(',', all), devices[0], mountPoint], $"Could not mount {devices[0]} at {mountPoint}", ct);
    }

    /// <summary>
    /// Without --options-source=disable, mount(8) merges the options the pool has now into a remount, and
    /// an option such as noatime could never be taken back (relatime after it does nothing).
    /// </summary>
    public Task RemountAsync(string mountPoint, IReadOnlyList<string> options, CancellationToken ct) =>
        runner.RunAsync(
            "mount",
            ["--options-source=disable", "-o", string.Join(',', ["remount", .. Restricted, .. options]), mountPoint],
            $"Could not change the mount options of {mountPoint}",
            ct);

    public Task RestrictMountAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync("mount", ["-o", string.Join(',', ["remount", .. Restricted]), mountPoint], $"Could not remount {mountPoint} without devices and set-user-id", ct);

    /// <summary>
    /// Pools hold what other appliances send: a device node or a set-user-id program in a share must stay
    /// inert on this machine (a stream could make a node of the system disk and write to it).
    /// </summary>
    private static readonly string[] Restricted = ["nodev", "nosuid"];

    public Task UnmountAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync("umount", [mountPoint], $"Could not unmount {mountPoint}", ct);

    public Task ScanAsync(CancellationToken ct) =>
        runner.RunAsync("btrfs", ["device", "scan"], "Could not scan for btrfs devices", ct);

    private static bool IsSystem(LsblkDevice device) => device.Holds("/") || device.Holds("/boot") || device.Holds("[SWAP]");

    private static string? ReasonUnusable(LsblkDevice device, BlkidProbe probe, bool mounted)
    {
        if (IsSystem(device))
        {
            return "it holds the system";
        }

        if (mounted)
        {
            return "it is mounted";
        }

        if (device.Children.Count > 0)
        {
            return "it has partitions or is in use by another device";
        }

        if (device.ReadOnly)
        {
            return "it is read-only";
        }

        if (device.Size < MinimumDiskBytes)
        {
            return "it is smaller than 1 GiB";
        }

        if (!probe.Probed)
        {
            return "it could not be probed";
        }

        return probe.Type is { } type ? $"it holds a {type} filesystem"
            : probe.PartitionTable is not null ? "it holds a partition table or a filesystem"
            : null;
    }

    private async Task<IReadOnlyList<string>> LoopDevicesOfAsync(string imageFile, CancellationToken ct)
    {
        var output = await runner.RunAsync("losetup", ["-j", imageFile], $"Could not list the loop devices of {imageFile}", ct)
            .ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)])
            .ToList();
    }
}
