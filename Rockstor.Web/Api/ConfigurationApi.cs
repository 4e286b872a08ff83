using Microsoft.AspNetCore.Mvc;
using Rockstor.Domain.Common;
using Rockstor.Domain.Configuration;

namespace Rockstor.Web.Api;

/// <summary>The appliance's configuration as a file encrypted with a passphrase, and its import on a fresh install (ADR-039).</summary>
public static class ConfigurationApi
{
    /// <summary>Far above any real configuration; a larger upload is not read.</summary>
    public const long MaxFileBytes = 16L << 20;

    /// <summary>The whole request: the file, the passphrase and the form's boundaries.</summary>
    public const long MaxRequestBytes = MaxFileBytes + (64L << 10);

    public static IEndpointRouteBuilder MapConfigurationApi(this IEndpointRouteBuilder app)
    {
        var configuration = app.MapGroup("/api/config").WithTags("Configuration");
        configuration.MapPost("/export", async (ExportConfigurationBody body, ConfigurationService service, CancellationToken ct) =>
        {
            var export = await service.ExportAsync(body.Passphrase, ct);
            return TypedResults.File(export.Content, "application/octet-stream", export.FileName);
        });

        // A form post for the file: the antiforgery token is not asked for, as with every route under /api;
        // SameOriginGuard refuses a cookie-borne request from another origin, and a bearer token cannot be forged by a page.
        configuration.MapPost("/import", async ([FromForm] IFormFile? file, [FromForm] string? passphrase, ConfigurationService service, CancellationToken ct) =>
            {
                var content = await ReadAsync(file, ct);
                return ConfigurationImportDto.From(await service.ImportAsync(content, passphrase, ct));
            })
            .DisableAntiforgery()

            // Kestrel stops reading past these, before the form is buffered; the check in ReadAsync stays for the file alone.
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxRequestBytes });
        return app;
    }

    private static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            throw new ValidationException("Choose the configuration file to import (the form field 'file').");
        }

        if (file.Length > MaxFileBytes)
        {
            throw new ValidationException($"The file is larger than {MaxFileBytes >> 20} MiB: it is not a Rockstor configuration file.");
        }

        using var memory = new MemoryStream((int)file.Length);
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(memory, ct);
        return memory.ToArray();
    }
}
