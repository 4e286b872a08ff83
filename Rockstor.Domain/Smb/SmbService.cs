using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Smb;

/// <summary>
/// Which shares are offered over SMB, to whom, and the Samba service's settings. Every change is checked
/// here, then by Samba itself (<see cref="ISambaServer"/>), and stored only once Samba took it. Changes
/// run one at a time, each building its configuration from the store inside the gate; an export names
/// users and groups under the <see cref="AccountLock"/>, so none is deleted meanwhile.
/// </summary>
public sealed class SmbService(
    ISmbStore store,
    IShareRepository shares,
    ILocalUserRepository users,
    ILocalGroupRepository groups,
    AccountLock accountLock,
    ISambaServer server) : IExportReferences
{
    /// <summary>Section names Samba gives a meaning of its own: a share of that name would not be a share.</summary>
    private static readonly HashSet<string> SambaSections = new(StringComparer.OrdinalIgnoreCase) { "global", "globals", "homes", "printers" };

    private readonly ExportChangeGate _changes = new();

    public SmbSettings Settings() => store.LoadSettings();

    /// <summary>The exports of shares that exist (an export outlives nothing it was made for).</summary>
    public IReadOnlyList<SmbExport> Exports() => LiveExports.Of(store.Exports(), shares);

    /// <summary>The share's export; a share never exported has a disabled one with the defaults.</summary>
    public SmbExport Get(string share)
    {
        var found = RequireShare(share);
        return store.Find(share) is { } export && LiveExports.IsLive(export, shares) ? export : new SmbExport { Share = share, ShareCreatedAt = found.CreatedAt };
    }

    public string? OfferedOver(string share) => LiveExports.IsOffered(store.Find(share), shares) ? "SMB" : null;

    /// <summary>Samba serves a share by its path, and resolves owners itself.</summary>
    public bool ServesThroughMounts => false;

    public Task ShareChangedAsync(string share, CancellationToken ct) => Task.CompletedTask;

    public async Task<SmbExport> SetAsync(string shareName, SmbExportRequest request, CancellationToken ct)
    {
        var share = RequireShare(shareName);
        if (request.Enabled && SambaSections.Contains(share.Name))
        {
            throw new ValidationException($"A share named '{share.Name}' cannot be offered over SMB: Samba keeps that name for its own settings. Clone or rename it first.");
        }

        var readOnly = request.ReadOnly ?? share.Kind == ShareKind.Replica;
        if (share.Kind == ShareKind.Replica && !readOnly)
        {
            throw new ValidationException($"'{share.Name}' is a replica: it can be offered read-only, so people can browse the backup, but not for writing.");
        }

        using var accounts = await accountLock.AcquireAsync(ct).ConfigureAwait(false);
        var export = new SmbExport
        {
            Share = share.Name,
            ShareCreatedAt = share.CreatedAt,
            Enabled = request.Enabled,
            Browsable = request.Browsable ?? true,
            ReadOnly = readOnly,
            Guest = request.Guest ?? false,
            Users = Members(request.Users, "user", name => users.Find(name) is not null),
            Groups = Members(request.Groups, "group", name => name == AccountResolver.UsersGroup || groups.Find(name) is not null),
            PreviousVersions = request.PreviousVersions ?? true,
            TimeMachine = request.TimeMachine ?? false,
        };
        if (export.Guest && (export.Users.Count > 0 || export.Groups.Count > 0))
        {
            throw new ValidationException("A guest share is open to anyone without a password; leave its users and groups empty, or turn guest access off.");
        }

        await ChangeAsync(
            () =>
            {
                var others = Exports().Where(e => e.Share != export.Share).ToList();
                if (export.Enabled && others.FirstOrDefault(e => e.Enabled && string.Equals(e.Share, export.Share, StringComparison.OrdinalIgnoreCase)) is { } clash)
                {
                    throw new ConflictException($"'{export.Share}' and '{clash.Share}' differ only in case, which SMB clients do not tell apart; only one of them can be offered.");
                }

                return (store.LoadSettings(), [.. others, export]);
            },
            () => store.Save(export),
            ct).ConfigureAwait(false);
        return export;
    }

    public async Task<SmbSettings> SetSettingsAsync(SmbSettingsRequest request, CancellationToken ct)
    {
        var workgroup = request.Workgroup is null ? null : SmbRules.Workgroup(request.Workgroup);
        var options = request.GlobalOptions is null ? null : SmbRules.GlobalOptions(request.GlobalOptions);
        SmbSettings? settings = null;
        await ChangeAsync(
            () =>
            {
                var current = store.LoadSettings();
                settings = current with { Workgroup = workgroup ?? current.Workgroup, GlobalOptions = options ?? current.GlobalOptions };
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

    public Task ForgetUserAsync(string name, CancellationToken ct) =>
        ForgetAsync(e => e.Users.Contains(name), e => e with { Users = e.Users.Where(u => u != name).ToList() }, ct);

    public Task ForgetGroupAsync(string name, CancellationToken ct) =>
        ForgetAsync(e => e.Groups.Contains(name), e => e with { Groups = e.Groups.Where(g => g != name).ToList() }, ct);

    private async Task ForgetAsync(Func<SmbExport, bool> names, Func<SmbExport, SmbExport> without, CancellationToken ct)
    {
        if (!store.Exports().Any(names))
        {
            return;
        }

        List<SmbExport> changed = [];
        await ChangeAsync(
            () =>
            {
                changed = store.Exports().Where(names).Select(without).ToList();
                return (store.LoadSettings(), Exports().Select(e => changed.FirstOrDefault(c => c.Share == e.Share) ?? e).ToList());
            },
            () => changed.ForEach(store.Save),
            ct).ConfigureAwait(false);
    }

    private Task ChangeAsync(Func<(SmbSettings Settings, IReadOnlyList<SmbExport> Exports)> build, Action save, CancellationToken ct) =>
        _changes.ChangeAsync(
            () =>
            {
                var (settings, exports) = build();
                return server.ApplyAsync(settings, exports, ct);
            },
            save,
            () => server.ApplyAsync(store.LoadSettings(), Exports(), CancellationToken.None),
            ct);

    private Share RequireShare(string name) =>
        shares.Find(name) ?? throw new NotFoundException($"There is no share named '{Echo.Of(name)}'.");

    private static List<string> Members(IReadOnlyList<string>? names, string what, Func<string, bool> allowed)
    {
        var members = (names ?? []).Distinct(StringComparer.Ordinal).ToList();
        var refused = members.FirstOrDefault(n => !allowed(n));
        return refused is null
            ? members
            : throw new ValidationException(
                $"'{Echo.Of(refused)}' cannot be given access: only a {what} made on this appliance's Users screen{(what == "group" ? $" or {AccountResolver.UsersGroup}" : "")} can.");
    }
}
