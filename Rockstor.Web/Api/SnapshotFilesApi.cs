using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Api;

/// <summary>
/// A snapshot's files: a folder listed a page at a time (searchable by name), a download of one file as
/// itself or of a folder as a zip (or a tar) streamed as it is made (nothing is copied to the disk first), and a
/// restore of chosen files or folders into the live share.
/// </summary>
public static class SnapshotFilesApi
{
    public static IEndpointRouteBuilder MapSnapshotFilesApi(this IEndpointRouteBuilder app)
    {
        // Under the share's snapshots, and the same under /api/snapshots/{share}/{name} (the shorter form).
        Map(app.MapGroup("/api/shares/{share}/snapshots/{name}").WithTags("Snapshots"));
        Map(app.MapGroup("/api/snapshots/{share}/{name}").WithTags("Snapshots"));
        return app;
    }

    private static void Map(RouteGroupBuilder files)
    {
        files.MapGet("/files", (string share, string name, string? path, string? search, int? skip, int? take, SnapshotFileService service) =>
            SnapshotFolderDto.From(service.List(share, name, path, search, skip, take)));
        files.MapGet("/download", (string share, string name, string? path, string? format, SnapshotFileService service, HttpContext http) =>
        {
            var (root, found, entry) = service.Find(share, name, path);
            var archive = $"{share}-{name}{(found.IsTop ? "" : "-" + found.Name)}";
            return entry.Kind switch
            {
                SnapshotEntryKind.File => Results.Stream(service.OpenRead(root, found), "application/octet-stream", found.Name, entry.ModifiedAt, enableRangeProcessing: true),
                SnapshotEntryKind.Folder when format is null or "zip" => SnapshotFolderZip.Stream(service, root, found, archive + ".zip", http),
                SnapshotEntryKind.Folder when format == "tar" => SnapshotFolderTar.Stream(service, root, found, archive + ".tar", http),
                SnapshotEntryKind.Folder => throw new Domain.Common.ValidationException($"A folder downloads as a \"zip\" or a \"tar\", not \"{Domain.Common.Echo.Of(format)}\"."),
                _ => throw new Domain.Common.ValidationException($"'{found}' is a link or a special file: only files and folders are downloaded."),
            };
        });
        files.MapPost("/restore", async (string share, string name, RestoreFilesBody body, SnapshotRestoreService restores, CancellationToken ct) =>
            await restores.RestoreAsync(share, name, body.Paths, body.Mode, ct));
    }
}
