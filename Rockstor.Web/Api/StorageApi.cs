using Rockstor.Domain.Common;
using Rockstor.Domain.Disks;
using Rockstor.Domain.Disks.Smart;
using Rockstor.Domain.Pools;
using Rockstor.Domain.Pools.Operations;
using Rockstor.Domain.Replication.Receiving;
using Rockstor.Domain.Shares;
using Rockstor.Domain.Snapshots;
using Rockstor.Domain.Storage;

namespace Rockstor.Web.Api;

/// <summary>Pools, shares and snapshots over JSON. Each route is one call into a domain service.</summary>
public static class StorageApi
{
    public static IEndpointRouteBuilder MapStorageApi(this IEndpointRouteBuilder app)
    {
        var pools = app.MapGroup("/api/pools").WithTags("Pools");
        pools.MapGet("/", async (PoolService service, PoolOperationService operations, CancellationToken ct) =>
            (await service.ListAsync(ct)).Select(view => PoolDto.From(view, operations.Active(view.Pool.Name))));
        pools.MapPost("/", async (CreatePoolRequest request, PoolService service, CancellationToken ct) =>
        {
            if (request.ImageSizeGiB is not null && request.Removable == true)
            {
                throw new ValidationException("A pool on image files cannot be removable: make a removable pool on the disk you plug in.");
            }

            var view = request.ImageSizeGiB is { } size
                ? await service.CreateAsync(
                    new CreateImagePool(request.Name!, size, request.ImageCount ?? 1, request.RaidLevel is null ? RaidLevel.Single : RaidLevels.Parse(request.RaidLevel)),
                    ct)
                : await service.CreateAsync(new CreateDiskPool(request.Name!, RaidLevels.Parse(request.RaidLevel), request.Devices ?? [], request.Removable ?? false), ct);
            return TypedResults.Created($"/api/pools/{view.Pool.Name}", PoolDto.From(view));
        });
        pools.MapPost("/{name}/eject", async (string name, RemovablePools removable, PoolService service, CancellationToken ct) =>
        {
            await removable.EjectAsync(name, ct);
            return PoolDto.From(await service.GetAsync(name, ct));
        });
        pools.MapPut("/{name}", async (string name, PoolSettingsBody body, PoolSettingsService settings, CancellationToken ct) =>
        {
            var (view, operation) = await settings.ChangeAsync(
                name,
                new PoolSettingsChange(body.Compression, body.MountOptions, body.RaidLevel, body.MetadataRaidLevel, body.Confirm ?? false, body.ScrubSchedule),
                ct);
            return PoolDto.From(view, operation);
        });
        pools.MapPost("/{name}/mount", async (string name, MountBody? body, PoolService service, CancellationToken ct) =>
            PoolDto.From(await service.MountAsync(name, body?.Degraded ?? false, ct)));
        pools.MapPost("/{name}/devices", async (string name, AddDevicesBody body, PoolService service, CancellationToken ct) =>
            PoolDto.From(await service.AddDevicesAsync(name, body.Devices, ct)));
        pools.MapPost("/{name}/devices/reset-errors", async (string name, PoolService service, CancellationToken ct) =>
            PoolDto.From(await service.ResetDeviceErrorsAsync(name, ct)));
        pools.MapGet("/{name}/devices", async (string name, PoolService service, CancellationToken ct) =>
            (await service.GetAsync(name, ct)).Devices.Select(PoolDeviceDto.From));
        pools.MapDelete("/{name}", async (string name, bool? deleteShares, PoolService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(name, deleteShares ?? false, ct);
            return TypedResults.NoContent();
        });
        var disks = app.MapGroup("/api/disks").WithTags("Disks");
        disks.MapGet("/", async (DiskService service, CancellationToken ct) => (await service.ListAsync(ct)).Select(DiskDto.From));
        disks.MapPost("/{name}/wipe", async (string name, WipeBody body, DiskService service, CancellationToken ct) =>
            DiskDto.From(await service.WipeAsync(name, body.Confirm, ct)));
        disks.MapGet("/smart/schedule", (SelfTestScheduleService schedules) => SelfTestScheduleDto.From(schedules.Get()));
        disks.MapPut("/smart/schedule", (SelfTestScheduleDto body, SelfTestScheduleService schedules) =>
            SelfTestScheduleDto.From(schedules.Set(body.Short, body.Long)));
        disks.MapGet("/{name}/smart", async (string name, SmartService smart, CancellationToken ct) => SmartDto.From(await smart.ReadAsync(name, ct)));
        disks.MapPost("/{name}/smart/test", async (string name, SelfTestBody body, SmartService smart, CancellationToken ct) =>
            SmartDto.From(await smart.StartSelfTestAsync(name, body.Kind, ct)));

        var shares = app.MapGroup("/api/shares").WithTags("Shares");
        shares.MapGet("/", async (ShareService service, CancellationToken ct) =>
            (await service.ListAsync(ct)).Select(ShareDto.From));
        shares.MapPost("/", async (CreateShareRequest request, ShareService service, CancellationToken ct) =>
        {
            var view = await service.CreateAsync(Required(request.Pool, "pool"), request.Name!, ct);
            return TypedResults.Created($"/api/shares/{view.Share.Name}", ShareDto.From(view));
        });
        shares.MapGet("/{name}", async (string name, ShareService service, CancellationToken ct) =>
            ShareDto.From(await service.GetAsync(name, ct)));
        shares.MapPut("/{name}", async (string name, ShareChange change, ShareService service, CancellationToken ct) =>
            ShareDto.From(await service.ChangeAsync(name, change, ct)));
        shares.MapDelete("/{name}", async (string name, bool? deleteSnapshots, ShareService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(name, deleteSnapshots ?? false, ct);
            return TypedResults.NoContent();
        });

        app.MapGet("/api/snapshots", async (string? share, string? search, SnapshotSort? sort, bool? descending, int? skip, int? take, int? scheduleId, SnapshotService service, ReplicaProtection protection, SnapshotSizes sizes, CancellationToken ct) =>
            {
                var page = await service.ListAsync(
                    new SnapshotQuery(share, search, sort ?? SnapshotSort.CreatedAt, descending ?? true, skip ?? 0, take ?? 1000, scheduleId),
                    ct);
                var protectedUntil = protection.ForListing();
                var sizeOf = await sizes.ForAsync(page.Items, ct);
                return new SnapshotPageDto(page.Items.Select(s => SnapshotDto.From(s, protectedUntil(s), sizeOf(s))).ToList(), page.Total);
            })
            .WithTags("Snapshots");
        var snapshots = shares.MapGroup("/{share}/snapshots").WithTags("Snapshots");
        snapshots.MapPost("/", async (string share, CreateSnapshotRequest request, SnapshotService service, CancellationToken ct) =>
        {
            var snapshot = await service.CreateAsync(share, request.Name!, request.Writable, ct);
            return TypedResults.Created($"/api/shares/{share}/snapshots/{snapshot.Name}", SnapshotDto.From(snapshot));
        });
        snapshots.MapDelete("/{name}", async (string share, string name, SnapshotService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(share, name, ct);
            return TypedResults.NoContent();
        });
        snapshots.MapPost("/{name}/clone", async (string share, string name, CloneRequest request, SnapshotService service, CancellationToken ct) =>
        {
            var view = await service.CloneAsync(share, name, request.NewShare!, ct);
            return TypedResults.Created($"/api/shares/{view.Share.Name}", ShareDto.From(view));
        });
        snapshots.MapPost("/{name}/lock", async (string share, string name, SnapshotService service, CancellationToken ct) =>
            SnapshotDto.From(await service.LockAsync(share, name, ct)));
        snapshots.MapPost("/{name}/unlock", async (string share, string name, UnlockBody body, HttpContext http, SnapshotService service, CancellationToken ct) =>
                SnapshotDto.From(await service.UnlockAsync(share, name, http.User.Identity?.Name, body.Password, ct))); // wrong passwords are throttled by the service, for the screens too
        snapshots.MapPost("/{name}/rollback", async (string share, string name, SnapshotService service, CancellationToken ct) =>
        {
            var kept = await service.RollbackAsync(share, name, ct);
            return new RollbackResult(share, name, kept.Name);
        });
        return app;
    }

    private static string Required(string? value, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new ValidationException($"Name the {what}.") : value;
}
