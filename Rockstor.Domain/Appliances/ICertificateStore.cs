namespace Rockstor.Domain.Appliances;

/// <summary>Reads an admin's certificate and puts it in place of the appliance's own, used at once.</summary>
public interface ICertificateStore
{
    /// <summary>
    /// Reads and checks a PEM certificate and its private key: it parses, the key is the certificate's, it is
    /// valid now, its key is strong enough and it may serve TLS. Throws <see cref="Common.ValidationException"/> with the reason.
    /// </summary>
    PreparedCertificate Prepare(string certificatePem, string keyPem);

    /// <summary>Stores it in the data directory and serves it from now on (web-ui, API, replication).</summary>
    void Install(PreparedCertificate certificate);
}
