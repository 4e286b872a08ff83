using System.Formats.Tar;
using Rockstor.Domain.Snapshots.Files;

namespace Rockstor.Web.Api;

/// <summary>
/// A snapshot's folder as a tar (PAX: any size, any name length) written to the response as it is made,
/// links left out as in a zip. Nothing is compressed or copied to the appliance's disk first.
/// </summary>
internal static class SnapshotFolderTar
{
    public static IResult Stream(SnapshotFileService service, string root, SnapshotFilePath folder, string fileName, HttpContext http) =>
        Results.Stream(
            async body =>
            {
                await using var tar = new TarWriter(body, TarEntryFormat.Pax, leaveOpen: true);
                foreach (var (path, entry) in service.Walk(root, folder))
                {
                    var name = string.Join('/', path.Names);
                    if (entry.Kind == SnapshotEntryKind.Folder)
                    {
                        await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.Directory, name + "/") { ModificationTime = entry.ModifiedAt }, http.RequestAborted);
                        continue;
                    }

                    await using var source = service.OpenRead(root, folder.Below(path));
                    var file = new PaxTarEntry(TarEntryType.RegularFile, name) { ModificationTime = entry.ModifiedAt, DataStream = source };
                    await tar.WriteEntryAsync(file, http.RequestAborted);
                }
            },
            "application/x-tar",
            fileName);
}
