using Rockstor.Domain.Common;
using Rockstor.Domain.Shares;

namespace Rockstor.Domain.Nfs;

/// <summary>
/// Which shares are offered over NFS, to which clients, and the NFS service's settings. Every change is
/// checked here (<see cref="NfsRules"/>), then taken by the server (<see cref="INfsServer"/>), and stored
/// only once the server took it, one change at a time.
/// </summary>
public sealed class NfsService(INfsStore store, IShareRepository shares, INfsServer server) : IExportReferences
{
    private readonly ExportChangeGate _changes = new();

    public NfsSettings Settings() => store.LoadSettings();

    /// <summary>The exports of shares that exist.</summary>
    public IReadOnlyList<NfsExport> Exports() => LiveExports.Of(store.Exports(), shares);

    /// <summary>The share's export; a share never exported has a disabled one without clients.</summary>
    public NfsExport Get(string share)
    {
        var found = RequireShare(share);
        return store.Find(share) is { } export && LiveExports.IsLive(export, shares) ? export : new NfsExport { Share = share, ShareCreatedAt = found.CreatedAt };
    }

    public string? OfferedOver(string share) => LiveExports.IsOffered(store.Find(share), shares) ? "NFS" : null;

    /// <summary>The server sees each exported share through a bind mount of its subvolume.</summary>
    public bool ServesThroughMounts => true;

    /// <summary>An all-squash entry maps clients to the share's owner and group: written again with the new ones.</summary>
    public async Task ShareChangedAsync(string share, CancellationToken ct)
    {
        if (Exports().Any(e => e.Share == share && e.Enabled && e.Clients.Any(c => c.AllSquash)))
        {
            await _changes.ChangeAsync(() => server.ApplyAsync(store.LoadSettings(), Exports(), ct), () => { }, RestoreAsync, ct).ConfigureAwait(false);
        }
    }

    public async Task<NfsExport> SetAsync(string shareName, NfsExportRequest request, CancellationToken ct)
    {
        var share = RequireShare(shareName);
        if (request.Enabled && share.Kind == ShareKind.Replica)
        {
            throw new ValidationException(
                $"'{share.Name}' is a replica, which holds received snapshots rather than files of its own: offer it read-only over SMB, or clone one of its snapshots into a share and export that.");
        }

        var clients = NfsRules.Clients(request.Clients, request.Enabled);
        if (clients.FirstOrDefault(c => c.AllSquash) is { } squashed && share.Owner == ShareAccess.Root)
        {
            throw new ValidationException(
                $"'{squashed.Host}' would make everyone the share's owner, and '{share.Name}' is owned by root: give the share a user as owner first (its settings), or leave that option off.");
        }

        NfsExport? export = null;
        await _changes.ChangeAsync(
            () =>
            {
                var current = store.Find(share.Name);
                var id = current is not null && LiveExports.IsLive(current, shares) && current.ExportId > 0 ? current.ExportId : store.NewExportId();
                export = new NfsExport { Share = share.Name, ShareCreatedAt = share.CreatedAt, ExportId = id, Enabled = request.Enabled, Clients = clients };
                return server.ApplyAsync(store.LoadSettings(), [.. Exports().Where(e => e.Share != share.Name), export], ct);
            },
            () => store.Save(export!),
            RestoreAsync,
            ct).ConfigureAwait(false);
        return export!;
    }

    public async Task<NfsSettings> SetSettingsAsync(bool? v3, CancellationToken ct)
    {
        var settings = store.LoadSettings();
        if (v3 is not { } wanted || wanted == settings.V3)
        {
            return settings;
        }

        settings = settings with { V3 = wanted };
        await _changes.ChangeAsync(() => server.ApplyAsync(settings, Exports(), ct), () => store.SaveSettings(settings), RestoreAsync, ct).ConfigureAwait(false);
        return settings;
    }

    public async Task ForgetShareAsync(string share, CancellationToken ct)
    {
        if (store.Find(share) is null)
        {
            return;
        }

        await _changes.ChangeAsync(
            () => server.ApplyAsync(store.LoadSettings(), Exports().Where(e => e.Share != share).ToList(), ct),
            () => store.Remove(share),
            RestoreAsync,
            ct).ConfigureAwait(false);
    }

    /// <summary>
    /// NFS names no user, but an all-squash entry maps everyone to the share's owner: when a user is
    /// deleted, their shares went to another owner first, so the configuration is written again with the
    /// new owner's ids.
    /// </summary>
    public async Task ForgetUserAsync(string name, CancellationToken ct)
    {
        if (!Exports().Any(e => e.Enabled && e.Clients.Any(c => c.AllSquash)))
        {
            return;
        }

        await _changes.ChangeAsync(() => server.ApplyAsync(store.LoadSettings(), Exports(), ct), () => { }, RestoreAsync, ct).ConfigureAwait(false);
    }

    public Task ForgetGroupAsync(string name, CancellationToken ct) => Task.CompletedTask;

    private Task RestoreAsync() => server.ApplyAsync(store.LoadSettings(), Exports(), CancellationToken.None);

    private Share RequireShare(string name) =>
        shares.Find(name) ?? throw new NotFoundException($"There is no share named '{Echo.Of(name)}'.");
}
