using System.Globalization;
using Rockstor.Domain.Common;
using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Infrastructure.Storage;

/// <summary><see cref="IBtrfsOperations"/> over btrfs-progs and the kernel's sysfs.</summary>
public sealed class BtrfsOperationsCli(CommandRunner runner) : IBtrfsOperations
{
    private const string Btrfs = "btrfs";

    public Task ScrubAsync(string mountPoint, CancellationToken ct) => ScrubAsync("start", mountPoint, ct);

    public Task ResumeScrubAsync(string mountPoint, CancellationToken ct) => ScrubAsync("resume", mountPoint, ct);

    /// <summary>btrfs scrub exits 3 when it found errors it could not correct: the scrub ran, and its status says what it found.</summary>
    private async Task ScrubAsync(string verb, string mountPoint, CancellationToken ct)
    {
        try
        {
            await runner.RunAsync(Btrfs, ["scrub", verb, "-B", mountPoint], $"The scrub of {mountPoint} did not complete", ct).ConfigureAwait(false);
        }
        catch (StorageCommandException e) when (e.InnerException is CliWrap.Exceptions.CommandExecutionException { ExitCode: 3 })
        {
            // found uncorrectable errors: read from the status
        }
    }

    public Task CancelScrubAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["scrub", "cancel", mountPoint], $"Could not stop the scrub of {mountPoint}", ct);

    public async Task<ScrubStatus> ReadScrubAsync(string mountPoint, CancellationToken ct) =>
        ScrubStatusParser.Parse(await runner.RunAsync(Btrfs, ["scrub", "status", "-R", mountPoint], $"Could not read the scrub status of {mountPoint}", ct).ConfigureAwait(false));

    /// <summary>
    /// `--bg` makes btrfs-progs run the balance from a process of its own, which outlives the appliance's;
    /// `soft` converts only the chunks not converted yet, so a stopped conversion picks up where it was.
    /// Lowering metadata redundancy needs `--force`, which the admin's confirmation stands for.
    /// </summary>
    public Task StartBalanceAsync(string mountPoint, string? dataProfile, string? metadataProfile, CancellationToken ct)
    {
        List<string> arguments = ["balance", "start", "--bg"];
        if (dataProfile is null && metadataProfile is null)
        {
            arguments.Add("--full-balance");
        }
        else
        {
            arguments.Add("--force");
            if (dataProfile is not null)
            {
                arguments.Add($"-dconvert={dataProfile},soft");
            }

            if (metadataProfile is not null)
            {
                arguments.Add($"-mconvert={metadataProfile},soft");
            }
        }

        arguments.Add(mountPoint);
        return runner.RunAsync(Btrfs, arguments, $"Could not start a balance of {mountPoint}", ct);
    }

    public Task PauseBalanceAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["balance", "pause", mountPoint], $"Could not pause the balance of {mountPoint}", ct);

    public Task ResumeBalanceAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["balance", "resume", mountPoint], $"Could not resume the balance of {mountPoint}", ct);

    public Task CancelBalanceAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["balance", "cancel", mountPoint], $"Could not cancel the balance of {mountPoint}", ct);

    /// <summary>btrfs balance status exits 1 while a balance runs or is paused, 0 when there is none, 2 or more on an error.</summary>
    public async Task<BalanceStatus> ReadBalanceAsync(string mountPoint, CancellationToken ct)
    {
        var (exitCode, output) = await runner.ProbeAsync(Btrfs, ["balance", "status", mountPoint], ct).ConfigureAwait(false);
        return exitCode is 0 or 1
            ? BalanceStatusParser.Parse(output)
            : throw new StorageCommandException($"Could not read the balance status of {mountPoint}", $"btrfs balance status {mountPoint}", output, null);
    }

    public Task StartReplaceAsync(string mountPoint, int devId, string target, CancellationToken ct) =>
        runner.RunAsync(
            Btrfs,
            ["replace", "start", "-f", devId.ToString(CultureInfo.InvariantCulture), target, mountPoint],
            $"Could not start replacing device {devId} of {mountPoint} with {target}",
            ct);

    public Task CancelReplaceAsync(string mountPoint, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["replace", "cancel", mountPoint], $"Could not cancel the replacement in {mountPoint}", ct);

    public async Task<ReplaceStatus> ReadReplaceAsync(string mountPoint, CancellationToken ct) =>
        ReplaceStatusParser.Parse(await runner.RunAsync(Btrfs, ["replace", "status", "-1", mountPoint], $"Could not read the replacement status of {mountPoint}", ct).ConfigureAwait(false));

    public Task GrowDeviceAsync(string mountPoint, int devId, CancellationToken ct) =>
        runner.RunAsync(
            Btrfs,
            ["filesystem", "resize", $"{devId.ToString(CultureInfo.InvariantCulture)}:max", mountPoint],
            $"Could not grow device {devId} of {mountPoint} to its whole size",
            ct);

    public Task RemoveDeviceAsync(string mountPoint, int devId, CancellationToken ct) =>
        runner.RunAsync(
            Btrfs,
            ["device", "remove", devId.ToString(CultureInfo.InvariantCulture), mountPoint],
            $"Could not remove device {devId} from {mountPoint}",
            ct);

    public async Task<string> ReadExclusiveOperationAsync(string uuid, CancellationToken ct)
    {
        var path = Path.Combine("/sys/fs/btrfs", Path.GetFileName(uuid), "exclusive_operation");
        return File.Exists(path) ? (await File.ReadAllTextAsync(path, ct).ConfigureAwait(false)).Trim() : "none";
    }
}
