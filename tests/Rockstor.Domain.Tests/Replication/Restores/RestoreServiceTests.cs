using Microsoft.Extensions.Time.Testing;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;
using Rockstor.Domain.Replication.Restores;
using Rockstor.Domain.Tests.Fakes;

namespace Rockstor.Domain.Tests.Replication.Restores;

/// <summary>The consent a snapshot sent back needs: a restore asked for here, of that appliance, for that share and snapshot, once, in time.</summary>
public sealed class RestoreServiceTests
{
    private const string Nas2 = "123e4567";
    private const string Nas3 = "7c2f0e9d";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly RestoreStore _store = new();
    private readonly RestorePeer _peer = new();
    private readonly PairedAppliances _appliances = new();
    private readonly StorageRecords _records = new();
    private readonly RestoreService _restores;

    public RestoreServiceTests()
    {
        _appliances.Add(Nas2, "nas2");
        _appliances.Add(Nas3, "nas3");
        _records.AddPool("tank");
        _records.AddShare("docs", "tank");
        _records.AddTask("docs", Nas2);
        var identity = new ApplianceIdentity(new ThisAppliance());
        _restores = new RestoreService(_store, _appliances, _peer, identity, _records, _records, _records, _time);
    }

    [Fact]
    public async Task A_restore_asked_gives_the_appliance_a_code_and_keeps_only_its_hash()
    {
        var asked = await _restores.AskAsync(new RestoreAsk(Nas2, "docs", "replication-1-x", "docs-back", "tank"), CancellationToken.None);

        var (peerId, request) = Assert.Single(_peer.Asked);
        Assert.Equal((Nas2, "docs", "replication-1-x"), (peerId, request.Share, request.Snapshot));
        Assert.True(request.Code.Length >= 40);
        var kept = Assert.Single(_store.List(10));
        Assert.Equal((asked.Id, RestoreState.Asked, "docs-back", "tank"), (kept.Id, kept.State, kept.NewShare, kept.TargetPool));
        Assert.DoesNotContain(request.Code, kept.CodeHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_is_taken_once_from_the_appliance_it_was_given_to_for_its_share_and_snapshot()
    {
        var code = await AskAsync();

        Assert.Contains("another appliance", Refused(() => _restores.Claim(_appliances.Find(Nas3)!, Hello("docs", code))), StringComparison.Ordinal);
        Assert.Contains("not of the share", Refused(() => _restores.Claim(Nas2Appliance, Hello("other", code))), StringComparison.Ordinal);
        var restore = _restores.Claim(Nas2Appliance, Hello("docs", code));
        Assert.Contains("not the one asked for", Refused(() => _restores.Use(restore, Offer("replication-1-other"))), StringComparison.Ordinal);

        _restores.Use(restore, Offer("replication-1-x"));

        Assert.Equal(RestoreState.Receiving, Assert.Single(_store.List(10)).State);
        Assert.Contains("used already", Refused(() => _restores.Claim(Nas2Appliance, Hello("docs", code))), StringComparison.Ordinal);
        Assert.Contains("used already", Refused(() => _restores.Use(restore, Offer("replication-1-x"))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_hello_without_a_code_or_with_one_never_given_is_refused()
    {
        Assert.Contains("No restore was asked for", Refused(() => _restores.Claim(Nas2Appliance, Hello("docs", null))), StringComparison.Ordinal);
        Assert.Contains("No restore was asked for with this code", Refused(() => _restores.Claim(Nas2Appliance, Hello("docs", "made-up"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_not_started_within_its_lifetime_expires_and_says_so()
    {
        var code = await AskAsync();
        _time.Advance(PendingRestore.Lifetime + TimeSpan.FromSeconds(1));

        Assert.Contains("expired", Refused(() => _restores.Claim(Nas2Appliance, Hello("docs", code))), StringComparison.Ordinal);
        Assert.Equal(RestoreState.Failed, Assert.Single(_store.List(10)).State);
    }

    [Fact]
    public async Task Only_a_share_that_replicates_to_the_appliance_can_be_rolled_back_from_it()
    {
        _records.AddShare("photos", "tank");

        var refused = await Assert.ThrowsAsync<ConflictException>(() => _restores.AskAsync(new RestoreAsk(Nas3, "docs", "s", Rollback: true), CancellationToken.None));
        Assert.Contains("Only a share that replicates to nas3", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ConflictException>(() => _restores.AskAsync(new RestoreAsk(Nas2, "photos", "s", Rollback: true), CancellationToken.None));
        await _restores.AskAsync(new RestoreAsk(Nas2, "docs", "s", Rollback: true), CancellationToken.None);

        Assert.True(Assert.Single(_store.List(10)).Rollback);
    }

    [Fact]
    public async Task A_restore_the_appliance_refuses_or_a_bad_ask_leaves_nothing_recorded()
    {
        _records.AddShare("taken", "tank");
        _peer.Refusal = "nas2 refused the restore: no such snapshot";

        await Assert.ThrowsAsync<PeerRefusedException>(() => _restores.AskAsync(new RestoreAsk(Nas2, "docs", "s", "docs-back", "tank"), CancellationToken.None));
        await Assert.ThrowsAsync<ConflictException>(() => _restores.AskAsync(new RestoreAsk(Nas2, "docs", "s", "taken", "tank"), CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => _restores.AskAsync(new RestoreAsk(Nas2, "docs", "s", "docs-back", "nopool"), CancellationToken.None));
        await Assert.ThrowsAsync<ValidationException>(() => _restores.AskAsync(new RestoreAsk(Nas2, "docs", "s", "docs-back", "tank", Rollback: true), CancellationToken.None));
        await Assert.ThrowsAsync<NotFoundException>(() => _restores.AskAsync(new RestoreAsk("ffff", "docs", "s", "docs-back", "tank"), CancellationToken.None));

        Assert.Empty(_store.List(10));
    }

    private PairedAppliance Nas2Appliance => _appliances.Find(Nas2)!;

    private async Task<string> AskAsync()
    {
        await _restores.AskAsync(new RestoreAsk(Nas2, "docs", "replication-1-x", "docs-back", "tank"), CancellationToken.None);
        return _peer.Asked[^1].Request.Code;
    }

    private static ReplicationHello Hello(string share, string? code) => new(1, share, "", null, new RestoreRequest(code));

    private static ReplicationOffer Offer(string snapshot) => new(snapshot, Guid.NewGuid().ToString(), null);

    private static string Refused(Action act) => Assert.Throws<ReplicationRefusedException>(act).Message;
}
