using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Rockstor.Domain.Accounts;
using Rockstor.Domain.Appliances;
using Rockstor.Domain.Common;
using Rockstor.Domain.Replication;

namespace Rockstor.Web.Api;

/// <summary>
/// Turns the domain's errors into RFC 7807 problem details whose detail is the sentence for the user. The
/// domain's sentences already cut what they repeat of the request (<see cref="Echo"/>); ASP.NET's own, for
/// a request it could not read, quote the value it could not bind, and that is cut here.
/// </summary>
public sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var (status, title) = exception switch
        {
            ValidationException => (StatusCodes.Status400BadRequest, "The request is not valid"),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "The request is too large"),
            BadHttpRequestException => (StatusCodes.Status400BadRequest, "The request could not be read"),
            NotFoundException => (StatusCodes.Status404NotFound, "Not found"),
            ConflictException => (StatusCodes.Status409Conflict, "Conflict"),
            CertificateChangeNotConfirmedException => (StatusCodes.Status409Conflict, "Confirm the new certificate"),
            StorageCommandException => (StatusCodes.Status422UnprocessableEntity, "The storage command failed"),
            AuthenticationFailedException => (StatusCodes.Status401Unauthorized, "Login failed"),
            SessionEndedException => (StatusCodes.Status401Unauthorized, "Log in again"),
            PeerRefusedException => (StatusCodes.Status400BadRequest, "The other appliance refused"),
            CertificateMismatchException => (StatusCodes.Status409Conflict, "The certificate does not match"),
            CertificateNotConfirmedException => (StatusCodes.Status428PreconditionRequired, "Confirm the other appliance's certificate"),
            ReplicationRefusedException => (StatusCodes.Status409Conflict, "The other appliance refused"),
            PeerUnreachableException => (StatusCodes.Status502BadGateway, "The other appliance could not be reached"),
            _ => (StatusCodes.Status500InternalServerError, "Internal error"),
        };
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        }

        http.Response.StatusCode = status;
        var context = new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status == StatusCodes.Status500InternalServerError
                    ? "Something went wrong on the appliance; its log has the details."
                    : exception is BadHttpRequestException ? CutQuoted(exception.Message) : exception.Message,
            },
        };
        if (exception is CertificateNotConfirmedException unconfirmed)
        {
            // What a script repeats the request with, once a person has compared it.
            context.ProblemDetails.Extensions["fingerprint"] = unconfirmed.Fingerprint;
        }

        if (exception is CertificateChangeNotConfirmedException change)
        {
            // What the admin must see before repeating the request with "confirm": true.
            context.ProblemDetails.Extensions["fingerprint"] = change.Fingerprint;
            context.ProblemDetails.Extensions["peers"] = change.Peers;
        }

        return await problems.TryWriteAsync(context);
    }

    /// <summary>Every "quoted" part of ASP.NET's sentence (the value it could not bind, a content type) cut short.</summary>
    private static string CutQuoted(string message) =>
        Echo.Of(Quoted().Replace(message, m => $"\"{Echo.Of(m.Groups[1].Value)}\""), Echo.MaxSentenceLength);

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
