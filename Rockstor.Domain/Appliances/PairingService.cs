using System.Security.Cryptography;
using System.Text;
using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;
/// <summary>
/// Pairs this appliance with another in one step. The admin gives the other's address, admin login and
/// the fingerprint of its certificate; both sides then record each other with the other's pinned
/// certificate fingerprint and a credential for calling it. Without a fingerprint nothing is sent: the
/// fingerprint presented is handed back for the admin to check and confirm. A failure at any step leaves
/// nothing stored on either side.
/// </summary>
public sealed class PairingService(
    IPairedApplianceRepository appliances,
    ApplianceIdentity identity,
    IAdminCredentials admin,
    ILocalCertificate certificate,
    IPeerClient peers,
    TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IReadOnlyList<PairedAppliance> List() => appliances.List();

    public PairedAppliance Require(string id) =>
        appliances.Find(id) ?? throw new NotFoundException($"No appliance with id '{Echo.Of(id)}' is paired with this one.");

    /// <summary>Called on the appliance where the admin clicked "Add appliance".</summary>
    public async Task<PairedAppliance> PairAsync(AddApplianceRequest request, int ownManagementPort, int ownReplicationPort, CancellationToken ct)
    {
        var host = NetworkHost.Validate(request.Host, "other appliance's address");
        ValidatePort(request.ManagementPort, "management port");
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            throw new ValidationException("Give the other appliance's admin username and password.");
        }

        var expected = request.Fingerprint is { Length: > 0 } typed ? NormalizeFingerprint(typed) : null;
        var where = $"{Echo.Of(host)}:{request.ManagementPort}";

        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var presented = await peers.ProbeFingerprintAsync(host, request.ManagementPort, ct).ConfigureAwait(false);
            if (presented == certificate.Fingerprint)
            {
                throw new ValidationException($"{where} is this appliance; pair it with another one.");
            }

            if (expected is not null && expected != presented)
            {
                throw new CertificateMismatchException(
                    $"The certificate {where} presents ({Short(presented)}) does not match the fingerprint you entered ({Short(expected)}). Nothing was paired.");
            }

            if (PinnedFingerprints.HolderOf(appliances, presented, forId: null) is { } known)
            {
                throw new ConflictException($"This appliance is already paired with {known.Hostname} ({known.Id}) at {known.Host}:{known.ManagementPort}.");
            }

            if (expected is null)
            {
                // The admin password goes only to a certificate someone vouched for: whatever answered first
                // may be a machine in the middle.
                throw new CertificateNotConfirmedException(
                    $"{where} presents a certificate with the SHA-256 fingerprint {Grouped(presented)}. Check that it is the one on that "
                    + "appliance's System -> About page, then pair again with it as the fingerprint. Nothing was sent to it yet.",
                    presented);
            }

            var me = identity.Current;
            var outgoingForThem = NewCredential();
            var offer = new PairingOffer(
                request.Username,
                request.Password,
                new ApplianceCard(me.Id, me.Hostname ?? me.Id, ownManagementPort, ownReplicationPort, certificate.Fingerprint, outgoingForThem));
            var answer = await peers.PairAsync(host, request.ManagementPort, presented, offer, ct).ConfigureAwait(false);

            var peer = new PairedAppliance
            {
                Id = answer.Id,
                Hostname = answer.Hostname,
                Host = host,
                ManagementPort = request.ManagementPort,
                ReplicationPort = answer.ReplicationPort,
                CertificateFingerprint = presented,
                OutgoingCredential = answer.Credential,
                IncomingCredentialHash = Hash(outgoingForThem),
                PairedAt = time.GetUtcNow(),
            };
            try
            {
                ValidateCard(answer);
                if (answer.Id == me.Id)
                {
                    throw new ValidationException($"{where} has this appliance's id ({me.Id}); two appliances cannot share an id.");
                }

                if (answer.CertificateFingerprint != presented)
                {
                    throw new CertificateMismatchException(
                        $"{where} says its certificate is {Short(answer.CertificateFingerprint)} but presented {Short(presented)}: something between the appliances is intercepting the connection. Nothing was paired.");
                }

                appliances.Save(peer);
            }
            catch
            {
                await TryForgetAsync(peer, me.Id).ConfigureAwait(false);
                throw;
            }

            return peer;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Called on the other appliance, when a pairing request reaches it. It takes no lock: two admins
    /// pairing their appliances with each other at the same moment must not wait on each other.
    /// </summary>
    public ApplianceCard Accept(PairingOffer offer, string remoteAddress, int ownManagementPort, int ownReplicationPort)
    {
        if (!admin.AreValid(offer.Username, offer.Password))
        {
            throw new AuthenticationFailedException("The admin username or password is wrong.");
        }

        if (offer.From is null)
        {
            throw new ValidationException("The pairing request does not say which appliance is asking.");
        }

        ValidateCard(offer.From);
        var me = identity.Current;
        if (offer.From.Id == me.Id || offer.From.CertificateFingerprint == certificate.Fingerprint)
        {
            throw new ValidationException("An appliance cannot be paired with itself.");
        }

        var incomingForThem = NewCredential();
        appliances.Save(new PairedAppliance
        {
            Id = offer.From.Id,
            Hostname = offer.From.Hostname,
            Host = remoteAddress,
            ManagementPort = offer.From.ManagementPort,
            ReplicationPort = offer.From.ReplicationPort,
            CertificateFingerprint = offer.From.CertificateFingerprint,
            OutgoingCredential = offer.From.Credential,
            IncomingCredentialHash = Hash(incomingForThem),
            PairedAt = time.GetUtcNow(),
        });
        return new ApplianceCard(me.Id, me.Hostname ?? me.Id, ownManagementPort, ownReplicationPort, certificate.Fingerprint, incomingForThem);
    }

    /// <summary>Removes the appliance here and tells it to forget this one; when it cannot be reached, it is told later.</summary>
    public async Task<RemovalOutcome> RemoveAsync(string id, CancellationToken ct)
    {
        var peer = Require(id);
        try
        {
            await peers.ForgetAsync(peer, identity.Current.Id, ct).ConfigureAwait(false);
        }
        catch (PeerUnreachableException)
        {
            peer.State = PairingState.RemovalPending;
            appliances.Save(peer);
            return RemovalOutcome.OtherSidePending;
        }
        catch (PeerRefusedException)
        {
            // It no longer knows this appliance (it was removed there first): nothing to tell.
        }
        catch (CertificateMismatchException)
        {
            // Its certificate changed: it is not told, but it is removed here all the same.
        }

        appliances.Remove(id);
        return RemovalOutcome.Removed;
    }

    /// <summary>Tells appliances removed while they were unreachable; returns how many were told.</summary>
    public async Task<int> RetryPendingRemovalsAsync(CancellationToken ct)
    {
        var told = 0;
        foreach (var peer in appliances.List().Where(a => a.State == PairingState.RemovalPending))
        {
            try
            {
                await peers.ForgetAsync(peer, identity.Current.Id, ct).ConfigureAwait(false);
            }
            catch (PeerUnreachableException)
            {
                continue;
            }
            catch (RockstorException)
            {
            }

            appliances.Remove(peer.Id);
            told++;
        }

        return told;
    }

    /// <summary>Whether the appliance answers with its pinned certificate and still knows this one; the reason when not.</summary>
    public async Task<PeerCheck> CheckAsync(string id, CancellationToken ct)
    {
        var peer = Require(id);
        try
        {
            await peers.HelloAsync(peer, identity.Current.Id, ct).ConfigureAwait(false);
            return new PeerCheck(true, $"{peer.Hostname} answers.");
        }
        catch (RockstorException e)
        {
            return new PeerCheck(false, e.Message);
        }
    }

    /// <summary>The other side removed this appliance (an authenticated peer call).</summary>
    public void Forget(string callerId) => appliances.Remove(callerId);

    /// <summary>The paired appliance whose credential this is, or null.</summary>
    public PairedAppliance? Authenticate(string? id, string? credential)
    {
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(credential) || appliances.Find(id) is not { } peer)
        {
            return null;
        }

        var expected = Encoding.ASCII.GetBytes(peer.IncomingCredentialHash);
        var actual = Encoding.ASCII.GetBytes(Hash(credential));
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? peer : null;
    }

    public static string NormalizeFingerprint(string fingerprint)
    {
        var hex = new string(fingerprint.Where(c => c is not (':' or ' ' or '-')).ToArray()).ToUpperInvariant();
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit)
            ? hex
            : throw new ValidationException("A certificate fingerprint is 64 hex digits (SHA-256), with or without ':' between pairs.");
    }

    public static string Short(string fingerprint) => fingerprint.Length > 16 ? fingerprint[..16] + "…" : fingerprint;

    /// <summary>A fingerprint as people compare it: groups of four hex digits ("3F2A 9C01 …").</summary>
    public static string Grouped(string fingerprint) => string.Join(' ', fingerprint.Chunk(4).Select(group => new string(group)));

    internal static string Hash(string credential) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(credential)));

    private static string NewCredential() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private async Task TryForgetAsync(PairedAppliance peer, string ownId)
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await peers.ForgetAsync(peer, ownId, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RockstorException or OperationCanceledException)
        {
        }
    }

    private static void ValidateCard(ApplianceCard card)
    {
        if (!ApplianceIds.IsValid(card.Id))
        {
            throw new ValidationException($"'{Echo.Of(card.Id)}' is not a valid appliance id.");
        }

        Hostnames.Validate(card.Hostname);
        ValidatePort(card.ManagementPort, "management port");
        ValidatePort(card.ReplicationPort, "replication port");
        NormalizeFingerprint(card.CertificateFingerprint);
        if (string.IsNullOrEmpty(card.Credential) || card.Credential.Length < 32)
        {
            throw new ValidationException("The pairing credential is missing or too short.");
        }
    }

    /// <summary>A port another appliance listens on (for management or replication), or a sentence naming which is not one.</summary>
    public static void ValidatePort(int port, string what)
    {
        if (port is < 1 or > 65535)
        {
            throw new ValidationException($"The {what} must be between 1 and 65535.");
        }
    }
}
