using System.Globalization;
using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.FileProviders;
using Rockstor.Testing;

namespace Rockstor.EndToEnd.Packaging;

/// <summary>
/// A local apt repository, made as a package source is, with Debian's own tools: the appliance's package
/// built once by scripts/package.sh, later versions made from it (a version, a changelog entry, or a
/// binary that fails at start), indexed by dpkg-scanpackages and served over HTTP on the loopback.
/// </summary>
public sealed class PackageRepository(string folder) : IAsyncDisposable
{
    private readonly int _port = ApplianceProcess.FreePort();
    private WebApplication? _server;
    private string? _first;

    /// <summary>The apt source line for this repository (a flat one, unsigned: trusted on the loopback only).</summary>
    public string Source => $"deb [trusted=yes] http://127.0.0.1:{_port}/ ./";

    /// <summary>Builds the package of this checkout as scripts/package.sh does (uncompressed, for speed), and serves the repository.</summary>
    public async Task<string> BuildAsync(string version)
    {
        Directory.CreateDirectory(folder);
        var script = Path.Combine(ApplianceProcess.RepositoryRoot, "scripts", "package.sh");
        _first = Sandbox.RunFor(TimeSpan.FromMinutes(8), "env", $"VERSION={version}", "COMPRESSION=none", $"OUT={folder}", script).Trim().Split('\n')[^1];
        Index();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{_port}");
        _server = builder.Build();
        _server.UseFileServer(new FileServerOptions { FileProvider = new PhysicalFileProvider(folder), StaticFileOptions = { ServeUnknownFileTypes = true } });
        await _server.StartAsync();
        return _first;
    }

    /// <summary>The package file of a version built or published here.</summary>
    public string PackageOf(string version) => Path.Combine(folder, $"rockstor_{version}_amd64.deb");

    /// <summary>Publishes a later version made from the first: its changelog entry says <paramref name="change"/>; a broken one cannot start.</summary>
    public string Publish(string version, string change, bool broken = false)
    {
        var stage = Path.Combine(folder, $"stage-{version}");
        Sandbox.Run("dpkg-deb", "-R", _first!, stage);
        try
        {
            var control = Path.Combine(stage, "DEBIAN", "control");
            File.WriteAllLines(control, File.ReadAllLines(control).Select(l => l.StartsWith("Version:", StringComparison.Ordinal) ? $"Version: {version}" : l));
            var changelog = Path.Combine(stage, "usr", "share", "doc", "rockstor", "changelog.gz");
            var entry = string.Create(CultureInfo.InvariantCulture, $"rockstor ({version}) stable; urgency=medium\n\n  * {change}\n\n -- Rockstor.NET tests <rockstor@localhost>  {DateTimeOffset.UtcNow:R}\n\n");
            WriteGzip(changelog, entry + ReadGzip(changelog));
            if (broken)
            {
                var binary = Path.Combine(stage, "opt", "rockstor", "Rockstor.Web");
                File.WriteAllText(binary, "#!/bin/sh\necho 'this version cannot start' >&2\nexit 1\n");
                File.SetUnixFileMode(binary, (UnixFileMode)0b111_101_101);
            }

            var package = PackageOf(version);
            Sandbox.Run("dpkg-deb", "--root-owner-group", "-Znone", "--build", stage, package);
            Index();
            return package;
        }
        finally
        {
            Directory.Delete(stage, recursive: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The repository's index, as dpkg-scanpackages writes it for a flat repository.</summary>
    private void Index() =>
        File.WriteAllText(Path.Combine(folder, "Packages"), Sandbox.Run("dpkg-scanpackages", "--multiversion", folder).Replace(folder + "/", "./", StringComparison.Ordinal));

    private static string ReadGzip(string file)
    {
        using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }

    private static void WriteGzip(string file, string text)
    {
        using var gzip = new GZipStream(File.Create(file), CompressionLevel.Optimal);
        using var writer = new StreamWriter(gzip);
        writer.Write(text);
    }
}
