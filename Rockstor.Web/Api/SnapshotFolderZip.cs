using System.IO.Compression;
using Microsoft.AspNetCore.Http.Features;
using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Api;

/// <summary>
/// A snapshot's folder as a zip written to the response as it is made (links left out): nothing is copied
/// to the appliance's disk first. A file of more than 4 GiB is recorded with Zip64 sizes in the archive's
/// directory, which unzip tools read; a tool that reads the archive front to back may not (the tar format
/// has no such limit).
/// </summary>
internal static class SnapshotFolderZip
{
    public static IResult Stream(SnapshotFileService service, string root, SnapshotFilePath folder, string fileName, HttpContext http)
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
