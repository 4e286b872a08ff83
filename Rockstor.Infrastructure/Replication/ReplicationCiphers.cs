using System.Net.Security;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The TLS 1.3 suites of the replication socket, AES-128-GCM first: with AES-NI it is about a third
/// cheaper per byte than AES-256-GCM (OpenSSL's first choice), and on two cores every CPU second per GiB
/// is throughput (ADR-010). Both ends are appliances of this project, so nothing older is offered.
/// </summary>
internal static class ReplicationCiphers
{
    /// <summary>The suites in order of preference (on Linux, where .NET lets an application choose them; elsewhere null: the system's).</summary>
    public static CipherSuitesPolicy? Policy { get; } = OperatingSystem.IsLinux()
        ? new CipherSuitesPolicy([TlsCipherSuite.TLS_AES_128_GCM_SHA256, TlsCipherSuite.TLS_AES_256_GCM_SHA384, TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256])
        : null;
}
