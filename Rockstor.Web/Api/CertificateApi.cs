using Microsoft.AspNetCore.Mvc;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;

namespace Rockstor.Web.Api;

/// <summary>
/// This appliance's own certificate put in place by the admin, and the admin's confirmation of a paired
/// appliance's new certificate (its announcement is a peer route, in <see cref="PeerApi"/>).
/// </summary>
public static class CertificateApi
{
    /// <summary>A PEM certificate chain or key is a few KiB; anything far larger is not one.</summary>
    private const long MaxPemBytes = 64 * 1024;

    /// <summary>The whole request (a certificate chain and a key, as JSON or a form): refused by the server beyond it, before it is read.</summary>
    private const int MaxRequestBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapCertificateApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/appliance/certificate", async (HttpContext http, OwnCertificateService certificates, CancellationToken ct) =>
            {
                var body = await ReadAsync(http.Request, ct);
                return CertificateChangeDto.From(await certificates.ReplaceAsync(body.CertificatePem ?? "", body.KeyPem ?? "", body.Confirm, ct));
            })
            .WithMetadata(
                new RequestSizeLimitAttribute(MaxRequestBytes),
                new RequestFormLimitsAttribute { MultipartBodyLengthLimit = MaxRequestBytes, ValueLengthLimit = MaxRequestBytes })
            .WithTags("Appliance");

        app.MapPost("/api/appliances/{id}/repin", async (string id, FingerprintBody body, CertificateRepinning repinning, CancellationToken ct) =>
                PairedApplianceDto.From(await repinning.ConfirmAsync(id, body.Fingerprint, ct)))
            .WithTags("Appliances");

        return app;
    }

    /// <summary>The JSON body, or the multipart form's two files and its "confirm" field.</summary>
    private static async Task<CertificateBody> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return await request.ReadFromJsonAsync<CertificateBody>(ct) ?? throw new ValidationException("Send the certificate and its key.");
        }

        var form = await request.ReadFormAsync(ct);
        return new CertificateBody(
            await TextOfAsync(form.Files["certificate"], form["certificatePem"], ct),
            await TextOfAsync(form.Files["key"], form["keyPem"], ct),
            bool.TryParse(form["confirm"], out var confirm) && confirm);
    }

    private static async Task<string?> TextOfAsync(IFormFile? file, string? field, CancellationToken ct)
    {
        if (file is null)
        {
            return field;
        }

        if (file.Length > MaxPemBytes)
        {
            throw new ValidationException($"{Echo.Of(file.FileName)} is larger than a PEM certificate or key ({MaxPemBytes / 1024} KiB at most).");
        }

        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(ct);
    }
}
