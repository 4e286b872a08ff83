using Microsoft.AspNetCore.Http.Connections.Client;

namespace Rockstor.Web.Tests;

/// <summary>SignalR clients of a test appliance, whose certificate is self-signed.</summary>
public static class HubClients
{
    public static void AcceptSelfSigned(HttpConnectionOptions options)
    {
        options.HttpMessageHandlerFactory = handler =>
        {
            if (handler is HttpClientHandler http)
            {
                http.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
            }

            return handler;
        };
        options.WebSocketConfiguration = socket => socket.RemoteCertificateValidationCallback = (_, _, _, _) => true;
    }
}
