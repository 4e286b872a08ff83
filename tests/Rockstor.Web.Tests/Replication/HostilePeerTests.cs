using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Retention;
using Rockstor.Domain.Snapshots;
using Rockstor.Testing;
using static Rockstor.Web.Tests.Replication.TwoAppliances;

namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// A paired appliance turned hostile (<see cref="HostilePeer"/>: paired through the real pairing API, speaking
/// the real protocol with the appliance's own client) against real appliances: pairing must never mean
/// "root on each other". Its streams come from real btrfs snapshots on a pool of the test's own.
/// </summary>
[Collection(nameof(ReplicationCollection))]
public sealed class HostilePeerTests(TwoAppliances two) : IDisposable
{
    private readonly StorageHost _own = new();
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(4)).Token;

    [Fact(Timeout = 240_000)]
    public async Task A_paired_appliance_cannot_write_outside_its_replica_folder_nor_make_two_subvolumes_and_its_next_honest_run_succeeds()
    {
        await using var hostile = new HostilePeer("bad10000000000000000000000000001", two.Gateway);
        await hostile.PairAsync(two.Destination);
        var (first, second) = await TwoSnapshotsAsync("docs", "escaped");
        var folder = Path.Combine(two.Destination.Sandbox.MountRoot, Pool, ".snapshots", $"{hostile.Id}_docs");
        var outside = Path.Combine(two.Destination.Sandbox.Root, "outside");
        Directory.CreateDirectory(outside);
        var hello = new ReplicationHello(1, "docs", Pool, RetentionPolicy.KeepLast(5));
        var offer = new ReplicationOffer(first.Name, first.Uuid, null);

        var escaping = await hostile.SendAsync(hello, offer, Escaping(Send(first), first.Name, folder, Path.Combine(outside, "evil.txt")), _ct);

        Assert.False(escaping.Ok);
        Assert.Contains("outside its subvolume", escaping.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        Assert.Empty(Entries(folder));
        var attempt = (await TrailAsync(two.B, $"/api/replication/receives/{ReplicaId(await TrailAsync(two.B, "/api/replication/receives"), hostile.Id)}/trail"))[0];
        Assert.Equal("failed", attempt.GetProperty("status").GetString());
        Assert.Contains("outside its subvolume", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains(await TrailAsync(two.B, "/api/replication/refusals"), r => r.GetProperty("senderApplianceId").GetString() == hostile.Id
            && r.GetProperty("reason").GetString()!.Contains("outside its subvolume", StringComparison.Ordinal));

        var both = SendStream.Parse(Send(first));
        both.Commands.RemoveAt(both.Commands.Count - 1);
        both.Commands.AddRange(SendStream.Parse(Send(second)).Commands);
        var twoSubvolumes = await hostile.SendAsync(hello, offer, both.ToBytes(), _ct);

        Assert.False(twoSubvolumes.Ok);
        Assert.Contains("more than one subvolume", twoSubvolumes.Error, StringComparison.Ordinal);
        Assert.Empty(Entries(folder));

        var honest = await hostile.SendAsync(hello, offer, Send(first), _ct);

        Assert.True(honest.Ok, honest.Error);
        Assert.Equal([first.Name], Entries(folder));
        Assert.Equal("escaped", await File.ReadAllTextAsync(Path.Combine(folder, first.Name, "a.txt"), _ct));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_paired_appliance_cannot_make_or_roll_back_a_share_here_unasked_and_each_try_is_recorded()
    {
        await using var hostile = new HostilePeer("bad10000000000000000000000000002", two.Gateway);
        await hostile.PairAsync(two.Source);

        var unasked = await Assert.ThrowsAsync<ReplicationRefusedException>(() => hostile.ConnectAsync(Restore("docs", null), _ct));
        var madeUp = await Assert.ThrowsAsync<ReplicationRefusedException>(() => hostile.ConnectAsync(Restore("docs", "made-up"), _ct));

        Assert.Contains("No restore was asked for", unasked.Message, StringComparison.Ordinal);
        Assert.Contains("No restore was asked for with this code", madeUp.Message, StringComparison.Ordinal);
        var refusals = (await TrailAsync(two.A, "/api/replication/refusals")).Where(r => r.GetProperty("senderApplianceId").GetString() == hostile.Id).ToList();
        Assert.Contains(refusals, r => r.GetProperty("reason").GetString()!.StartsWith("No restore was asked for:", StringComparison.Ordinal));
        Assert.Contains(refusals, r => r.GetProperty("reason").GetString() == "No restore was asked for with this code.");
    }

    [Fact(Timeout = 240_000)]
    public async Task A_restore_code_is_taken_only_from_the_appliance_asked_for_the_snapshot_asked_and_only_once()
    {
        await using var asked = new HostilePeer("bad10000000000000000000000000003", two.Gateway);
        await using var other = new HostilePeer("bad10000000000000000000000000004", two.Gateway);
        await asked.PairAsync(two.Source);
        await other.PairAsync(two.Source);
        var (snapshot, _) = await TwoSnapshotsAsync("keepsake", "kept safe");
        await Ok(two.A.PostAsJsonAsync("/api/replication/restores", new { applianceId = asked.Id, share = "keepsake", snapshot = snapshot.Name, newShare = "keepsake-back", targetPool = Pool }));
        var request = await asked.RestoreRequestedAsync();
        Assert.Equal(("keepsake", snapshot.Name), (request.Share, request.Snapshot));
        var hello = Restore("keepsake", request.Code);

        var fromOther = await Assert.ThrowsAsync<ReplicationRefusedException>(() => other.ConnectAsync(hello, _ct));
        var otherSnapshot = await Assert.ThrowsAsync<ReplicationRefusedException>(() => asked.SendAsync(hello, new ReplicationOffer("replication-1-other", snapshot.Uuid, null), Send(snapshot), _ct));
        var honest = await asked.SendAsync(hello, new ReplicationOffer(snapshot.Name, snapshot.Uuid, null), Send(snapshot), _ct);
        var replayed = await Assert.ThrowsAsync<ReplicationRefusedException>(() => asked.SendAsync(hello, new ReplicationOffer(snapshot.Name, snapshot.Uuid, null), Send(snapshot), _ct));

        Assert.Contains("asked of another appliance", fromOther.Message, StringComparison.Ordinal);
        Assert.Contains("not the one asked for", otherSnapshot.Message, StringComparison.Ordinal);
        Assert.True(honest.Ok, honest.Error);
        Assert.Contains("used already", replayed.Message, StringComparison.Ordinal);
        var restored = (await TrailAsync(two.A, "/api/shares")).Single(s => s.GetProperty("name").GetString() == "keepsake-back");
        Assert.Equal("kept safe", await File.ReadAllTextAsync(Path.Combine(restored.GetProperty("path").GetString()!, "a.txt"), _ct));
        var restore = (await TrailAsync(two.A, "/api/replication/restores")).First(r => r.GetProperty("applianceId").GetString() == asked.Id);
        Assert.Equal("succeeded", restore.GetProperty("state").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task A_paired_appliance_that_says_nothing_after_the_welcome_is_closed_and_recorded()
    {
        await using var hostile = new HostilePeer("bad10000000000000000000000000005", two.Gateway);
        await hostile.PairAsync(two.Third);

        await using var session = await hostile.ConnectAsync(new ReplicationHello(1, "quiet", Pool, RetentionPolicy.KeepLast(5)), _ct);

        // The third closes a connection idle for 5 s (TwoAppliances).
        await Waiting.UntilAsync(async () => Assert.Contains(
            await TrailAsync(two.C, "/api/replication/refusals"),
            r => r.GetProperty("senderApplianceId").GetString() == hostile.Id && r.GetProperty("reason").GetString() == "No Offer came within 5 s; the connection was closed."));
    }

    [Fact(Timeout = 120_000)]
    public async Task A_hello_naming_no_valid_share_or_that_cannot_be_read_is_answered_with_a_refusal_and_recorded()
    {
        await using var hostile = new HostilePeer("bad10000000000000000000000000006", two.Gateway);
        await hostile.PairAsync(two.Destination);

        var climbing = await Assert.ThrowsAsync<ReplicationRefusedException>(() => hostile.ConnectAsync(new ReplicationHello(1, "../../etc", Pool, RetentionPolicy.KeepLast(5)), _ct));
        var garbled = await hostile.SendRawHelloAsync("{not json"u8.ToArray(), _ct);

        Assert.Contains("The hello names no valid share to replicate.", climbing.Message, StringComparison.Ordinal);
        Assert.Equal(3, garbled?.Type); // a Refuse frame
        Assert.Contains("The Hello could not be read", garbled?.Body, StringComparison.Ordinal);
        var refusals = (await TrailAsync(two.B, "/api/replication/refusals")).Where(r => r.GetProperty("senderApplianceId").GetString() == hostile.Id).ToList();
        Assert.Contains(refusals, r => r.GetProperty("reason").GetString() == "The hello names no valid share to replicate.");
        Assert.Contains(refusals, r => r.GetProperty("reason").GetString() == "The Hello could not be read; the connection was closed.");
    }

    [Fact(Timeout = 120_000)]
    public async Task A_sender_of_an_older_protocol_is_refused_with_a_sentence_that_says_to_update()
    {
        await using var hostile = new HostilePeer("bad10000000000000000000000000009", two.Gateway);
        await hostile.PairAsync(two.Destination);

        // What a release before protocol versions sends: the hello's fields and no "protocol".
        var answer = await hostile.SendRawHelloAsync("{\"taskId\":1,\"sourceShare\":\"docs\",\"targetPool\":\"pool\",\"keep\":5}"u8.ToArray(), _ct);

        Assert.Equal(3, answer?.Type); // a Refuse frame, not a Welcome
        Assert.Contains("speaks version 1 of the replication protocol and this appliance version 4: update both appliances to the same release.", answer?.Body, StringComparison.Ordinal);
        var refusals = (await TrailAsync(two.B, "/api/replication/refusals")).Where(r => r.GetProperty("senderApplianceId").GetString() == hostile.Id).ToList();
        Assert.Contains(refusals, r => r.GetProperty("reason").GetString()!.Contains("version 1 of the replication protocol", StringComparison.Ordinal));
    }

    [Fact(Timeout = 180_000)]
    public async Task Refusals_of_one_address_are_counted_in_one_record_and_a_flood_of_openings_is_cut_short()
    {
        using var stranger = TestCertificates.SelfSigned("stranger");
        for (var i = 0; i < 20; i++)
        {
            await TryHandshakeAsync(stranger);
        }

        await Waiting.UntilAsync(async () =>
        {
            var notPaired = (await TrailAsync(two.C, "/api/replication/refusals")).Where(r => r.GetProperty("from").GetString() == two.Gateway
                && r.GetProperty("reason").GetString()!.StartsWith("Not a paired appliance", StringComparison.Ordinal)).ToList();
            Assert.True(notPaired.Count == 1 && notPaired[0].GetProperty("count").GetInt32() >= 20, string.Join("\n", notPaired));
        }, TimeSpan.FromSeconds(40));

        // Connections that never start their handshake each hold a place for 15 s: beyond 4 from one address, they are closed at once.
        var held = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 12; i++)
            {
                var tcp = new TcpClient();
                await tcp.ConnectAsync(two.Third.Address, 10002, _ct);
                held.Add(tcp);
            }

            await Waiting.UntilAsync(async () => Assert.Contains(
                await TrailAsync(two.C, "/api/replication/refusals"),
                r => r.GetProperty("reason").GetString()!.StartsWith("More than 4 connections from this address", StringComparison.Ordinal)
                    && r.GetProperty("count").GetInt32() >= 8),
                TimeSpan.FromSeconds(40));
        }
        finally
        {
            held.ForEach(t => t.Dispose());
        }
    }

    public void Dispose() => _own.Dispose();

    /// <summary>Two snapshots of a share of the test's own pool, whose "a.txt" says <paramref name="text"/>.</summary>
    private async Task<(Snapshot First, Snapshot Second)> TwoSnapshotsAsync(string share, string text)
    {
        await _own.CreateImagePoolAsync();
        var made = await _own.Shares.CreateAsync("pool1", share, _ct);
        await File.WriteAllTextAsync(Path.Combine(made.Path, "a.txt"), text, _ct);
        var first = await _own.Snapshots.CreateAsync(share, "replication-1-20261129T120000000Z", writable: false, _ct);
        var second = await _own.Snapshots.CreateAsync(share, "replication-1-20261129T120100000Z", writable: false, _ct);
        return (first, second);
    }

    private byte[] Send(Snapshot snapshot)
    {
        var file = Path.Combine(_own.Sandbox.Root, $"{Guid.NewGuid():N}.stream");
        Sandbox.Run("btrfs", "send", "-q", "-f", file, snapshot.Path);
        var bytes = File.ReadAllBytes(file);
        File.Delete(file);
        return bytes;
    }

    /// <summary>The stream with "a.txt" made and written at <paramref name="target"/>, reached from the received subvolume by climbing out.</summary>
    private static byte[] Escaping(byte[] stream, string name, string folder, string target)
    {
        var forged = SendStream.Parse(stream);
        var climb = Path.GetRelativePath(Path.Combine(folder, name), target);
        var rename = forged.Commands.Single(c => c.Type == SendStream.Rename && c[SendStream.PathTo].Text == "a.txt");
        forged.Commands.Remove(rename);
        forged.ReplacePath(rename[SendStream.Path].Text, climb);
        forged.ReplacePath("a.txt", climb);
        return forged.ToBytes();
    }

    private static ReplicationHello Restore(string share, string? code) => new(0, share, "", null, new RestoreRequest(code));

    private static int ReplicaId(List<JsonElement> receives, string senderId) =>
        receives.Single(r => r.GetProperty("senderApplianceId").GetString() == senderId).GetProperty("id").GetInt32();

    private static List<string> Entries(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFileSystemEntries(folder).Select(e => Path.GetFileName(e)).ToList() : [];

    private async Task TryHandshakeAsync(X509Certificate2 certificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(two.Third.Address, 10002, _ct);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions { TargetHost = "", ClientCertificates = [certificate], RemoteCertificateValidationCallback = (_, _, _, _) => true },
                _ct);
            _ = await tls.ReadAsync(new byte[1], _ct);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException)
        {
            // Refused during or right after the handshake.
        }
    }
}
