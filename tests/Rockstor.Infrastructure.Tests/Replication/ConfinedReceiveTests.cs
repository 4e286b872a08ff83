using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;
using Rockstor.Testing;

namespace Rockstor.Infrastructure.Tests.Replication;

/// <summary>
/// A send stream can make only the one subvolume it was offered for: real streams from btrfs send, some
/// forged (paths rewritten, checksums recomputed), received into a replica folder on real btrfs. Where a
/// forged stream is an attack, the same stream through plain `btrfs receive` shows that it is one.
/// </summary>
public sealed class ConfinedReceiveTests : IDisposable
{
    private const string Replica = "0f3a_docs";

    private readonly StorageHost _host = new();
    private readonly CancellationToken _ct;

    public ConfinedReceiveTests() => _ct = _host.Lifetime;

    private string Folder => _host.Layout.ShareSnapshotsDirectory("pool1", Replica);

    private ConfinedReceive Confined => _host.Get<ConfinedReceive>();

    [Fact(Timeout = 120_000)]
    public async Task An_honest_full_stream_and_an_incremental_one_that_clones_from_its_parent_are_received_whole()
    {
        var (first, second) = await ReflinkedAsync(await MakeShareAsync());

        var received = await ReceiveAsync(Send(first), Offer(first));
        var parent = Record(received, first);
        var stream = SendStream.Parse(Send(second, first));
        var clone = Assert.Single(stream.Commands, c => c.Type == SendStream.Clone);
        Assert.Equal(first.Uuid, clone[SendStream.CloneUuid].UuidText);
        var incremental = await ReceiveAsync(stream.ToBytes(), Offer(second, first), parent);

        Assert.Equal((true, second.Uuid, received.Uuid), (incremental.ReadOnly, incremental.ReceivedUuid, incremental.ParentUuid));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(first.Path, "orig.bin"), _ct),
            await File.ReadAllBytesAsync(Path.Combine(Folder, "s2", "copy.bin"), _ct));
        Assert.Equal(["s1", "s2"], Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_whose_paths_climb_out_of_its_subvolume_is_stopped_and_writes_nothing_outside()
    {
        var share = await MakeShareAsync();
        await File.WriteAllTextAsync(Path.Combine(share, "a.txt"), "escaped", _ct);
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var outside = Path.Combine(_host.Sandbox.Root, "outside");
        Directory.CreateDirectory(outside);
        var climb = Path.GetRelativePath(Path.Combine(Folder, "s1"), Path.Combine(outside, "evil.txt"));
        Assert.StartsWith("../../", climb, StringComparison.Ordinal);
        var forged = SendStream.Parse(Send(snapshot));

        // The file is made under a temporary name and renamed: make it where it is to end up (a rename
        // cannot leave a subvolume), and send its data there.
        var rename = Assert.Single(forged.Commands, c => c.Type == SendStream.Rename && c[SendStream.PathTo].Text == "a.txt");
        forged.Commands.Remove(rename);
        Assert.Equal(1, forged.ReplacePath(rename[SendStream.Path].Text, climb));
        Assert.True(forged.ReplacePath("a.txt", climb) >= 2);

        // Plain btrfs receive, as the appliance ran it before, writes where the stream says.
        var control = Path.Combine(_host.Layout.PoolMountPoint("pool1"), ".snapshots", "control");
        Directory.CreateDirectory(control);
        ReceivePlainly(forged.ToBytes(), control);
        Assert.Equal("escaped", await File.ReadAllTextAsync(Path.Combine(outside, "evil.txt"), _ct));
        Sandbox.Run("btrfs", "subvolume", "delete", Path.Combine(control, "s1"));
        File.Delete(Path.Combine(outside, "evil.txt"));

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(forged.ToBytes(), Offer(snapshot)));

        Assert.Contains("outside its subvolume", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Empty(Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_that_makes_two_subvolumes_is_refused_and_leaves_neither()
    {
        await MakeShareAsync();
        var first = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var second = await _host.Snapshots.CreateAsync("docs", "s2", writable: false, _ct);
        var stream = SendStream.Parse(Send(first));
        stream.Commands.RemoveAt(stream.Commands.Count - 1);
        stream.Commands.AddRange(SendStream.Parse(Send(second)).Commands);

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(stream.ToBytes(), Offer(first)));

        Assert.Contains("more than one subvolume", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_that_goes_on_after_its_end_is_refused_and_leaves_nothing()
    {
        await MakeShareAsync();
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync([.. Send(snapshot), .. "more"u8], Offer(snapshot)));

        Assert.Contains("goes on after its end command", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_whose_subvolume_has_another_name_than_the_offer_is_refused()
    {
        await MakeShareAsync();
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var stream = SendStream.Parse(Send(snapshot));
        stream.Commands[0][SendStream.Path].Text = "other";

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(stream.ToBytes(), Offer(snapshot)));

        Assert.Contains("named 'other', not the offered 's1'", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_that_clones_through_a_symbolic_link_in_its_parent_is_refused_and_reads_nothing()
    {
        // The destination has a share of its own; the sender's earlier snapshot holds a link towards it.
        var share = await MakeShareAsync();
        var secret = await _host.Shares.CreateAsync("pool1", "secret", _ct);
        await File.WriteAllBytesAsync(Path.Combine(secret.Path, "secret.bin"), RandomBytes(300_000), _ct);
        File.CreateSymbolicLink(Path.Combine(share, "evil"), Path.GetRelativePath(Path.Combine(Folder, "s1"), secret.Path));
        var (first, second) = await ReflinkedAsync(share);
        var parent = Record(await ReceiveAsync(Send(first), Offer(first)), first);
        var forged = SendStream.Parse(Send(second, first));
        var clone = Assert.Single(forged.Commands, c => c.Type == SendStream.Clone);
        Assert.Equal("orig.bin", clone[SendStream.ClonePath].Text);
        clone[SendStream.ClonePath].Text = "evil/secret.bin";

        // Plain btrfs receive opens a clone source from the filesystem's top, outside any chroot: it reads the secret.
        ReceivePlainly(forged.ToBytes(), Folder);
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(secret.Path, "secret.bin"), _ct),
            await File.ReadAllBytesAsync(Path.Combine(Folder, "s2", "copy.bin"), _ct));
        Sandbox.Run("btrfs", "subvolume", "delete", Path.Combine(Folder, "s2"));

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(forged.ToBytes(), Offer(second, first), parent));

        Assert.Contains("symbolic link", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["s1"], Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_that_clones_from_a_subvolume_other_than_itself_and_its_parent_is_refused()
    {
        var (first, second) = await ReflinkedAsync(await MakeShareAsync());
        var parent = Record(await ReceiveAsync(Send(first), Offer(first)), first);
        var forged = SendStream.Parse(Send(second, first));
        Assert.Single(forged.Commands, c => c.Type == SendStream.Clone)[SendStream.CloneUuid].UuidText = Guid.NewGuid().ToString();

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(forged.ToBytes(), Offer(second, first), parent));

        Assert.Contains("other than itself and its parent", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["s1"], Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task What_a_stream_makes_beside_its_subvolume_through_a_link_is_deleted_and_the_stream_refused()
    {
        await MakeShareAsync();
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var forged = SendStream.Parse(Send(snapshot));
        InsertAfterSubvolume(forged, LinkToFolder(), Command(SendStream.MakeFile, (SendStream.Path, "up/junk"), (SendStream.Inode, 9999UL)));

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(forged.ToBytes(), Offer(snapshot)));

        Assert.Contains("'junk' beside the offered snapshot", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_link_a_stream_leaves_beside_its_subvolume_is_removed_itself_and_never_what_it_leads_to()
    {
        await MakeShareAsync();
        var victim = await _host.Shares.CreateAsync("pool1", "victim", _ct);
        await File.WriteAllTextAsync(Path.Combine(victim.Path, "precious.txt"), "still here", _ct);
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var forged = SendStream.Parse(Send(snapshot));
        InsertAfterSubvolume(
            forged,
            LinkToFolder(),
            Command(SendStream.Symlink, (SendStream.Path, "up/evil"), (SendStream.Inode, 9997UL), (SendStream.PathLink, Path.GetRelativePath(Folder, victim.Path))));

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => ReceiveAsync(forged.ToBytes(), Offer(snapshot)));

        Assert.Contains("'evil' beside the offered snapshot", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Entries());
        Assert.Equal("still here", await File.ReadAllTextAsync(Path.Combine(victim.Path, "precious.txt"), _ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_device_node_a_stream_makes_stays_inert_on_the_pool()
    {
        await MakeShareAsync();
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var disk = _host.Sandbox.AttachLoopDisk(1 << 20);
        var numbers = Sandbox.Run("stat", "-c", "%t %T", disk).Split(' ').Select(n => Convert.ToUInt64(n.Trim(), 16)).ToArray();
        var forged = SendStream.Parse(Send(snapshot));
        InsertAfterSubvolume(
            forged,
            Command(SendStream.MakeNode, (SendStream.Path, "d"), (SendStream.Inode, 9996UL), (SendStream.Mode, 0x6180UL), (SendStream.DeviceNumber, (numbers[0] << 8) | numbers[1])),
            Command(SendStream.Write, (SendStream.Path, "d"), (SendStream.FileOffset, 0UL), (SendStream.Data, "overwritten")));

        // On a mount that allows device nodes, btrfs receive writes the disk through the node.
        Sandbox.Run("mount", "-o", "remount,dev", _host.Layout.PoolMountPoint("pool1"));
        var control = Path.Combine(_host.Layout.PoolMountPoint("pool1"), ".snapshots", "control");
        Directory.CreateDirectory(control);
        ReceivePlainly(forged.ToBytes(), control);
        Assert.Equal("overwritten", File.ReadAllText(disk)[..11]);
        Sandbox.Run("btrfs", "subvolume", "delete", Path.Combine(control, "s1"));
        Sandbox.Run("dd", "if=/dev/zero", $"of={disk}", "bs=64k", "count=1", "conv=notrunc", "status=none");
        Sandbox.Run("mount", "-o", "remount,nodev", _host.Layout.PoolMountPoint("pool1"));

        var refused = await Assert.ThrowsAsync<StorageCommandException>(() => ReceiveAsync(forged.ToBytes(), Offer(snapshot)));

        Assert.Contains("Permission denied", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, File.ReadAllBytes(disk)[0]);
        Assert.Empty(Entries());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_that_keeps_btrfs_waiting_is_stopped_after_the_idle_limit()
    {
        using var quick = new StorageHost(new Dictionary<string, string?> { ["Rockstor:ReplicationIdleSeconds"] = "2" });
        await quick.CreateImagePoolAsync();
        await quick.Shares.CreateAsync("pool1", "docs", _ct);
        var snapshot = await quick.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var forged = SendStream.Parse(Send(snapshot));
        var self = forged.Commands[0][SendStream.Uuid].Value;

        // btrfs opens a clone's source to read it: a FIFO nobody writes keeps it waiting for ever.
        InsertAfterSubvolume(
            forged,
            Command(SendStream.MakeFifo, (SendStream.Path, "f"), (SendStream.Inode, 9995UL)),
            Command(SendStream.MakeFile, (SendStream.Path, "x"), (SendStream.Inode, 9994UL)),
            Command(
                SendStream.Clone,
                (SendStream.Path, "x"),
                (SendStream.FileOffset, 0UL),
                (SendStream.CloneLength, 4096UL),
                (SendStream.CloneUuid, self),
                (SendStream.CloneTransaction, 1UL),
                (SendStream.ClonePath, "f"),
                (SendStream.CloneOffset, 0UL)));
        var folder = quick.Layout.ShareSnapshotsDirectory("pool1", Replica);
        Directory.CreateDirectory(folder);
        await using var input = new MemoryStream(forged.ToBytes());
        var started = DateTime.UtcNow;

        var refused = await Assert.ThrowsAsync<UnsafeSendStreamException>(() => quick.Get<ConfinedReceive>().ReceiveAsync(folder, input, Offer(snapshot), null, _ct));

        Assert.Contains("asked for nothing of the stream for 2 s", refused.Message, StringComparison.Ordinal);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        Assert.DoesNotContain('a', Sandbox.Run("lsattr", "-d", folder).Split(' ')[0]);
    }

    [Fact(Timeout = 120_000)]
    public async Task An_offer_of_a_snapshot_received_here_already_or_whose_parent_is_held_twice_is_refused_before_any_data()
    {
        await MakeShareAsync();
        var first = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var second = await _host.Snapshots.CreateAsync("docs", "s2", writable: false, _ct);
        var parent = Record(await ReceiveAsync(Send(first), Offer(first)), first);
        var pool = _host.Layout.PoolMountPoint("pool1");
        await Confined.CheckOfferAsync(pool, Offer(second, first), parent, _ct);

        var again = await Assert.ThrowsAsync<ReplicationRefusedException>(() => Confined.CheckOfferAsync(pool, Offer(first), null, _ct));
        var elsewhere = _host.Layout.ShareSnapshotsDirectory("pool1", "0f3a_other");
        Directory.CreateDirectory(elsewhere);
        ReceivePlainly(Send(first), elsewhere);
        var twice = await Assert.ThrowsAsync<ReplicationRefusedException>(() => Confined.CheckOfferAsync(pool, Offer(second, first), parent, _ct));

        Assert.Contains("already holds a snapshot received as the one offered", again.Message, StringComparison.Ordinal);
        Assert.Contains("not held here as exactly one snapshot", twice.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_stream_cannot_rename_the_snapshots_already_in_its_folder()
    {
        await MakeShareAsync();
        Directory.CreateDirectory(Folder);
        Sandbox.Run("btrfs", "subvolume", "snapshot", "-r", _host.Layout.SharePath("pool1", "docs"), Path.Combine(Folder, "older"));
        var snapshot = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        var forged = SendStream.Parse(Send(snapshot));
        InsertAfterSubvolume(forged, LinkToFolder(), Command(SendStream.Rename, (SendStream.Path, "up/older"), (SendStream.PathTo, "up/gone")));

        await Assert.ThrowsAsync<StorageCommandException>(() => ReceiveAsync(forged.ToBytes(), Offer(snapshot)));

        Assert.Equal(["older"], Entries());
        Assert.DoesNotContain('a', Sandbox.Run("lsattr", "-d", Folder).Split(' ')[0]);
    }

    public void Dispose() => _host.Dispose();

    private async Task<string> MakeShareAsync()
    {
        await _host.CreateImagePoolAsync();
        return (await _host.Shares.CreateAsync("pool1", "docs", _ct)).Path;
    }

    /// <summary>
    /// Snapshot s1 with "orig.bin", then s2 where "copy.bin" shares its data and "orig.bin" is gone: the
    /// incremental stream from s1 to s2 clones "copy.bin" from the parent.
    /// </summary>
    private async Task<(Snapshot First, Snapshot Second)> ReflinkedAsync(string share)
    {
        await File.WriteAllBytesAsync(Path.Combine(share, "orig.bin"), RandomBytes(300_000), _ct);
        var first = await _host.Snapshots.CreateAsync("docs", "s1", writable: false, _ct);
        Sandbox.Run("cp", "--reflink=always", Path.Combine(share, "orig.bin"), Path.Combine(share, "copy.bin"));
        File.Delete(Path.Combine(share, "orig.bin"));
        var second = await _host.Snapshots.CreateAsync("docs", "s2", writable: false, _ct);
        return (first, second);
    }

    private async Task<Subvolume> ReceiveAsync(byte[] stream, ReplicationOffer offer, Snapshot? parent = null)
    {
        Directory.CreateDirectory(Folder);
        await using var input = new MemoryStream(stream);
        return await Confined.ReceiveAsync(Folder, input, offer, parent, _ct);
    }

    /// <summary>The received subvolume as the replica's snapshot, for the next stream to build on.</summary>
    private Snapshot Record(Subvolume received, Snapshot sent) => new()
    {
        Share = Replica,
        Name = sent.Name,
        Pool = "pool1",
        Path = Path.Combine(Folder, sent.Name),
        ReadOnly = true,
        CreatedAt = DateTimeOffset.UtcNow,
        Uuid = received.Uuid,
        ReceivedUuid = received.ReceivedUuid,
    };

    private static ReplicationOffer Offer(Snapshot snapshot, Snapshot? parent = null) => new(snapshot.Name, snapshot.Uuid, parent?.Uuid);

    private byte[] Send(Snapshot snapshot, Snapshot? parent = null)
    {
        var file = Path.Combine(_host.Sandbox.Root, $"{Guid.NewGuid():N}.stream");
        Sandbox.Run("btrfs", parent is null ? ["send", "-q", "-f", file, snapshot.Path] : ["send", "-q", "-f", file, "-p", parent.Path, snapshot.Path]);
        var bytes = File.ReadAllBytes(file);
        File.Delete(file);
        return bytes;
    }

    /// <summary>btrfs receive as the appliance ran it before it was confined.</summary>
    private void ReceivePlainly(byte[] stream, string folder)
    {
        var file = Path.Combine(_host.Sandbox.Root, "plain.stream");
        File.WriteAllBytes(file, stream);
        Sandbox.TryRun("btrfs", "receive", "-f", file, folder);
        File.Delete(file);
    }

    private List<string> Entries() =>
        Directory.Exists(Folder) ? Directory.EnumerateFileSystemEntries(Folder).Select(e => Path.GetFileName(e)).Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>A symbolic link "up" at the subvolume's top to the root, which under the chroot is the receive folder.</summary>
    private static SendStream.Command LinkToFolder() =>
        Command(SendStream.Symlink, (SendStream.Path, "up"), (SendStream.Inode, 9998UL), (SendStream.PathLink, "/"));

    private static void InsertAfterSubvolume(SendStream stream, params SendStream.Command[] commands) => stream.Commands.InsertRange(1, commands);

    private static SendStream.Command Command(ushort type, params (ushort Type, object Value)[] attributes)
    {
        var command = new SendStream.Command(type);
        foreach (var (attribute, value) in attributes)
        {
            command.Attributes.Add(new SendStream.Attribute(attribute, value switch
            {
                string text => System.Text.Encoding.UTF8.GetBytes(text),
                ulong number => BitConverter.GetBytes(number),
                byte[] bytes => bytes,
                _ => throw new ArgumentException("A string, a 64-bit number or bytes.", nameof(attributes)),
            }));
        }

        return command;
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}
