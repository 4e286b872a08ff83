using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Api;

/// <summary>
/// A snapshot's files: a folder listed a page at a time (searchable by name), a download of one file as
/// itself or of a folder as a zip streamed as it is made (nothing is copied to the disk first), and a
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
        files.MapGet("/download", (string share, string name, string? path, SnapshotFileService service, HttpContext http) =>
        {
            var (root, found, entry) = service.Find(share, name, path);
            return entry.Kind switch
            {
                SnapshotEntryKind.File => Results.Stream(service.OpenRead(root, found), "application/octet-stream", found.Name, entry.ModifiedAt, enableRangeProcessing: true),
                SnapshotEntryKind.Folder => Zip(service, root, found, $"{share}-{name}{(found.IsTop ? "" : "-" + found.Name)}.zip", http),
                _ => throw new Domain.Common.ValidationException($"'{found}' is a link or a special file: only files and folders are downloaded."),
            };
        });
        files.MapPost("/restore", async (string share, string name, RestoreFilesBody body, SnapshotRestoreService restores, CancellationToken ct) =>
            await restores.RestoreAsync(share, name, body.Paths, body.Mode, ct));
    }

    private static IResult Zip(SnapshotFileService service, string root, SnapshotFilePath folder, string fileName, HttpContext http)
    {
        // ZipArchive writes its directory synchronously when it is disposed; this response may do so.
        http.Features.Get<IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        return Results.Stream(
            async body =>
            {
                using var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true);
                foreach (var (path, entry) in service.Walk(root, folder))
                {
                    var isFolder = entry.Kind == SnapshotEntryKind.Folder;
                    var zipped = zip.CreateEntry(string.Join('/', path.Names) + (isFolder ? "/" : ""), CompressionLevel.Fastest);
                    zipped.LastWriteTime = ZipTime(entry.ModifiedAt);
                    if (!isFolder)
                    {
                        await using var target = zipped.Open();
                        await using var source = service.OpenRead(root, folder.Below(path));
                        await source.CopyToAsync(target, http.RequestAborted);
                    }
                }
            },
            "application/zip",
            fileName);
    }

    /// <summary>A zip keeps times from 1980 to 2107; one outside is kept at the nearest end.</summary>
    private static DateTimeOffset ZipTime(DateTimeOffset time) =>
        time < new DateTimeOffset(1980, 1, 2, 0, 0, 0, TimeSpan.Zero) ? new DateTimeOffset(1980, 1, 2, 0, 0, 0, TimeSpan.Zero)
        : time > new DateTimeOffset(2107, 12, 30, 0, 0, 0, TimeSpan.Zero) ? new DateTimeOffset(2107, 12, 30, 0, 0, 0, TimeSpan.Zero)
        : time;
}
