using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

public sealed partial class BtrfsCli
{
    public async Task<Subvolume> CreateSubvolumeAsync(string path, CancellationToken ct)
    {
        await runner.RunAsync(Btrfs, ["subvolume", "create", path], $"Could not create the subvolume {path}", ct).ConfigureAwait(false);
        FolderModes.LikeParent(path); // btrfs made it with the appliance's umask (077): a share is as open as its pool
        return await ShowAfterCreateAsync(path, ct).ConfigureAwait(false);
    }

    public async Task<Subvolume> CreateSnapshotAsync(string source, string destination, bool readOnly, CancellationToken ct)
    {
        List<string> arguments = ["subvolume", "snapshot"];
        if (readOnly)
        {
            arguments.Add("-r");
        }

        arguments.AddRange([source, destination]);
        await runner.RunAsync(Btrfs, arguments, $"Could not snapshot {source} to {destination}", ct).ConfigureAwait(false);
        return await ShowAfterCreateAsync(destination, ct).ConfigureAwait(false);
    }

    public async Task<Subvolume> CreateReceivedCopyAsync(string source, string destination, CancellationToken ct)
    {
        var (uuid, changed) = ReceivedIdentity.Read(source);
        await CreateSnapshotAsync(source, destination, readOnly: false, ct).ConfigureAwait(false);
        try
        {
            // Marked while writable (the kernel refuses a read-only one), then made read-only, as btrfs receive does.
            ReceivedIdentity.MarkReceived(destination, uuid, changed);
            await SetReadOnlyAsync(destination, readOnly: true, ct).ConfigureAwait(false);
            return await ShowSubvolumeAsync(destination, ct).ConfigureAwait(false);
        }
        catch
        {
            await DeleteSubvolumeAsync(destination, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public Task DeleteSubvolumeAsync(string path, CancellationToken ct)
    {
        // btrfs-progs follows a symbolic link it is given and deletes what it leads to: a link that a
        // stream left where a subvolume was expected must never take another subvolume with it.
        if (new DirectoryInfo(path).LinkTarget is not null)
        {
            throw new Domain.Common.StorageCommandException($"Could not delete the subvolume {path}", "(file system)", "it is a symbolic link, not a subvolume");
        }

        return runner.RunAsync(Btrfs, ["subvolume", "delete", path], $"Could not delete the subvolume {path}", ct);
    }

    public Task SetReadOnlyAsync(string path, bool readOnly, CancellationToken ct) =>
        runner.RunAsync(Btrfs, ["property", "set", "-ts", path, "ro", readOnly ? "true" : "false"], $"Could not make {path} {(readOnly ? "read-only" : "writable")}", ct);

    public async Task<IReadOnlyList<string>> ReceivedAsAsync(string mountPoint, string receivedUuid, CancellationToken ct) =>
        SubvolumeListParser.Parse(
                await runner.RunAsync(Btrfs, ["subvolume", "list", "-R", mountPoint], $"Could not list the subvolumes of {mountPoint}", ct).ConfigureAwait(false))
            .Where(e => string.Equals(e.ReceivedUuid, receivedUuid, StringComparison.OrdinalIgnoreCase))
            .Select(e => e.Path)
            .ToList();

    public async Task<Subvolume> ShowSubvolumeAsync(string path, CancellationToken ct)
    {
        var output = await runner.RunAsync(Btrfs, ["subvolume", "show", path], $"Could not read the subvolume {path}", ct).ConfigureAwait(false);
        var relative = output.Split('\n')[0].Trim();
        return SubvolumeShowParser.Parse(output, relative);
    }

    public Task SendAsync(string snapshot, string? parent, Stream output, CancellationToken ct)
    {
        List<string> arguments = ["send", "-q"];
        if (parent is not null)
        {
            arguments.AddRange(["-p", parent]);
        }

        arguments.Add(snapshot);
        return runner.StreamAsync(Btrfs, arguments, input: null, output, $"Could not send {snapshot}", ct);
    }

    public async Task<long> EstimateSendAsync(string snapshot, string? parent, CancellationToken ct)
    {
        List<string> arguments = ["send", "-q", "--no-data"];
        if (parent is not null)
        {
            arguments.AddRange(["-p", parent]);
        }

        arguments.Add(snapshot);
        await using var meter = new SendStreamMeter();
        await runner.StreamAsync(Btrfs, arguments, input: null, meter, $"Could not measure the send of {snapshot}", ct).ConfigureAwait(false);
        return meter.Estimate;
    }

    public async Task<IReadOnlyList<Subvolume>> ListSubvolumesAsync(string mountPoint, CancellationToken ct)
    {
        var failure = $"Could not list the subvolumes of {mountPoint}";
        var all = SubvolumeListParser.Parse(
            await runner.RunAsync(Btrfs, ["subvolume", "list", "-u", "-q", "-R", mountPoint], failure, ct).ConfigureAwait(false));
        var readOnly = SubvolumeListParser.Parse(
            await runner.RunAsync(Btrfs, ["subvolume", "list", "-r", mountPoint], failure, ct).ConfigureAwait(false))
            .Select(e => e.Id)
            .ToHashSet();
        var created = SubvolumeListParser.Parse(
            await runner.RunAsync(Btrfs, ["subvolume", "list", "-s", mountPoint], failure, ct).ConfigureAwait(false))
            .ToDictionary(e => e.Id, e => e.OTime);
        return all
            .Select(e => new Subvolume(
                e.Id,
                e.Path,
                e.Uuid ?? throw new FormatException($"btrfs listed subvolume {e.Id} without a uuid."),
                e.ParentUuid,
                e.ReceivedUuid,
                readOnly.Contains(e.Id),
                created.GetValueOrDefault(e.Id)))
            .ToList();
    }

    /// <summary>Reads what was just made; when that fails the new subvolume is removed so nothing half-made stays.</summary>
    private async Task<Subvolume> ShowAfterCreateAsync(string path, CancellationToken ct)
    {
        try
        {
            return await ShowSubvolumeAsync(path, ct).ConfigureAwait(false);
        }
        catch
        {
            await DeleteSubvolumeAsync(path, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
