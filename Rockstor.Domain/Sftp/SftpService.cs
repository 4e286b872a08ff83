using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Sftp;

/// <summary>
/// Which shares are offered over SFTP, to whom, and the SFTP service's port. Every change is checked here,
/// then by the SSH server itself (<see cref="ISftpServer"/>), and stored only once the server took it.
/// Changes run one at a time, each building its configuration from the store inside the gate; an export
/// names users under the <see cref="AccountLock"/>, so none is deleted meanwhile.
/// </summary>
public sealed class SftpService(
    ISftpStore store,
    IShareRepository shares,
    ILocalUserRepository users,
    AccountLock accountLock,
    ISftpServer server) : IExportReferences
{
    private readonly ExportChangeGate _changes = new();

    public SftpSettings Settings() => store.LoadSettings();

    /// <summary>The port the server listens on: the admin's, or the appliance's default.</summary>
    public int Port() => store.LoadSettings().Port ?? server.DefaultPort;

    /// <summary>The exports of shares that exist (an export outlives nothing it was made for).</summary>
    public IReadOnlyList<SftpExport> Exports() => LiveExports.Of(store.Exports(), shares);

    /// <summary>The share's export; a share never offered has a disabled one naming nobody.</summary>
    public SftpExport Get(string share)
    {
        var found = RequireShare(share);
        return store.Find(share) is { } export && LiveExports.IsLive(export, shares) ? export : new SftpExport { Share = share, ShareCreatedAt = found.CreatedAt };
    }

    public string? OfferedOver(string share) => LiveExports.IsOffered(store.Find(share), shares) ? "SFTP" : null;

    /// <summary>Each user sees a share through a bind mount of its subvolume in their locked folder.</summary>
    public bool ServesThroughMounts => true;

    /// <summary>SFTP users write as themselves; a new owner changes nothing here.</summary>
    public Task ShareChangedAsync(string share, CancellationToken ct) => Task.CompletedTask;

    public async Task<SftpExport> SetAsync(string shareName, SftpExportRequest request, CancellationToken ct)
    {
        var share = RequireShare(shareName);
        if (request.Enabled && share.Kind == ShareKind.Replica)
        {
            throw new ValidationException(
                $"'{share.Name}' is a replica: its files are the received snapshots, which replication replaces, so it is not offered over SFTP. Offer it over SMB (read-only), or clone it and offer the clone.");
        }

        if (request.Enabled && !ResourceName.IsSafe(share.Name))
        {
            throw new ValidationException($"'{Echo.Of(share.Name)}' cannot be a folder of an SFTP user's view. {ResourceName.Rule}");
        }

        using var accounts = await accountLock.AcquireAsync(ct).ConfigureAwait(false);
        var export = new SftpExport
        {
            Share = share.Name,
            ShareCreatedAt = share.CreatedAt,
            Enabled = request.Enabled,
            Users = Members(request.Users),
        };
        if (export.Enabled && export.Users.Count == 0)
        {
            throw new ValidationException(
                "Choose at least one user: SFTP offers a share only to the users named, each logging in with their own password or SSH key.");
        }

        await ChangeAsync(
            () => (store.LoadSettings(), [.. Exports().Where(e => e.Share != export.Share), export]),
            () => store.Save(export),
            ct).ConfigureAwait(false);
        return export;
    }

    public async Task<SftpSettings> SetSettingsAsync(SftpSettingsRequest request, CancellationToken ct)
    {
        if (request.Port is { } port)
        {
            SftpRules.Port(port);
        }

        SftpSettings? settings = null;
        await ChangeAsync(
            () =>
            {
                var current = store.LoadSettings();
                settings = current with { Port = request.Port ?? current.Port };
                return (settings, Exports());
            },
            () => store.SaveSettings(settings!),
            ct).ConfigureAwait(false);
        return settings!;
    }

    public async Task ForgetShareAsync(string share, CancellationToken ct)
    {
        if (store.Find(share) is null)
        {
            return;
        }

        await ChangeAsync(
            () => (store.LoadSettings(), Exports().Where(e => e.Share != share).ToList()),
            () => store.Remove(share),
            ct).ConfigureAwait(false);
    }

    /// <summary>Takes the user off every list; an export left naming nobody is turned off, as it offers nothing.</summary>
    public async Task ForgetUserAsync(string name, CancellationToken ct)
    {
        if (!store.Exports().Any(e => e.Users.Contains(name)))
        {
            return;
        }

        List<SftpExport> changed = [];
        await ChangeAsync(
            () =>
            {
                changed = store.Exports()
                    .Where(e => e.Users.Contains(name))
                    .Select(e => Without(e, name))
                    .ToList();
                return (store.LoadSettings(), Exports().Select(e => changed.FirstOrDefault(c => c.Share == e.Share) ?? e).ToList());
            },
            () => changed.ForEach(store.Save),
            ct).ConfigureAwait(false);
    }

    /// <summary>SFTP names users only.</summary>
    public Task ForgetGroupAsync(string name, CancellationToken ct) => Task.CompletedTask;

    private Task ChangeAsync(Func<(SftpSettings Settings, IReadOnlyList<SftpExport> Exports)> build, Action save, CancellationToken ct) =>
        _changes.ChangeAsync(
            () =>
            {
                var (settings, exports) = build();
                return server.ApplyAsync(settings, exports, ct);
            },
            save,
            () => server.ApplyAsync(store.LoadSettings(), Exports(), CancellationToken.None),
            ct);

    private static SftpExport Without(SftpExport export, string user)
    {
        var rest = export.Users.Where(u => u != user).ToList();
        return export with { Users = rest, Enabled = export.Enabled && rest.Count > 0 };
    }

    private Share RequireShare(string name) =>
        shares.Find(name) ?? throw new NotFoundException($"There is no share named '{Echo.Of(name)}'.");

    private List<string> Members(IReadOnlyList<string>? names)
    {
        var members = (names ?? []).Distinct(StringComparer.Ordinal).ToList();
        var refused = members.FirstOrDefault(n => users.Find(n) is null);
        return refused is null
            ? members
            : throw new ValidationException(
                $"'{Echo.Of(refused)}' cannot be offered a share over SFTP: only a user made on this appliance's Users screen can.");
    }
}
