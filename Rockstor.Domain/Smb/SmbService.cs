using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Users;

namespace Rockstor.Domain.Smb;

/// <summary>
/// Which shares are offered over SMB, to whom, and the Samba service's settings. Every change is checked
/// here, then by Samba itself (<see cref="ISambaServer"/>), and stored only once Samba took it.
/// </summary>
public sealed class SmbService(
    ISmbStore store,
    IShareRepository shares,
    ILocalUserRepository users,
    ILocalGroupRepository groups,
    ISambaServer server) : IExportReferences
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SmbSettings Settings() => store.LoadSettings();

    /// <summary>The exports of shares that exist (an export outlives nothing it was made for).</summary>
    public IReadOnlyList<SmbExport> Exports() => LiveExports.Of(store, shares);

    /// <summary>The share's export; a share never exported has a disabled one with the defaults.</summary>
    public SmbExport Get(string share)
    {
        var found = RequireShare(share);
        return store.Find(share) is { } export && LiveExports.IsLive(export, shares) ? export : new SmbExport { Share = share, ShareCreatedAt = found.CreatedAt };
    }

    public async Task<SmbExport> SetAsync(string shareName, SmbExportRequest request, CancellationToken ct)
    {
        var share = RequireShare(shareName);
        var readOnly = request.ReadOnly ?? share.Kind == ShareKind.Replica;
        if (share.Kind == ShareKind.Replica && !readOnly)
        {
            throw new ValidationException($"'{share.Name}' is a replica: it can be offered read-only, so people can browse the backup, but not for writing.");
        }

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

        await ChangeAsync(store.LoadSettings(), Replace(export), () => store.Save(export), ct).ConfigureAwait(false);
        return export;
    }

    public async Task<SmbSettings> SetSettingsAsync(SmbSettingsRequest request, CancellationToken ct)
    {
        var current = store.LoadSettings();
        var settings = current with
        {
            Workgroup = request.Workgroup is null ? current.Workgroup : SmbRules.Workgroup(request.Workgroup),
            GlobalOptions = request.GlobalOptions is null ? current.GlobalOptions : SmbRules.GlobalOptions(request.GlobalOptions),
        };
        await ChangeAsync(settings, Exports(), () => store.SaveSettings(settings), ct).ConfigureAwait(false);
        return settings;
    }

    public async Task ForgetShareAsync(string share, CancellationToken ct)
    {
        if (store.Find(share) is null)
        {
            return;
        }

        await ChangeAsync(store.LoadSettings(), Exports().Where(e => e.Share != share).ToList(), () => store.Remove(share), ct).ConfigureAwait(false);
    }

    public async Task ForgetAccountAsync(string name, CancellationToken ct)
    {
        var changed = store.Exports()
            .Where(e => e.Users.Contains(name) || e.Groups.Contains(name))
            .Select(e => e with { Users = e.Users.Where(u => u != name).ToList(), Groups = e.Groups.Where(g => g != name).ToList() })
            .ToList();
        if (changed.Count == 0)
        {
            return;
        }

        var exports = Exports().Select(e => changed.FirstOrDefault(c => c.Share == e.Share) ?? e).ToList();
        await ChangeAsync(store.LoadSettings(), exports, () => changed.ForEach(store.Save), ct).ConfigureAwait(false);
    }

    /// <summary>Samba takes the new configuration first; the store follows only when it did.</summary>
    private async Task ChangeAsync(SmbSettings settings, IReadOnlyList<SmbExport> exports, Action save, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await server.ApplyAsync(settings, exports, ct).ConfigureAwait(false);
            try
            {
                save();
            }
            catch
            {
                await server.ApplyAsync(store.LoadSettings(), Exports(), CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private List<SmbExport> Replace(SmbExport export) => [.. Exports().Where(e => e.Share != export.Share), export];

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
