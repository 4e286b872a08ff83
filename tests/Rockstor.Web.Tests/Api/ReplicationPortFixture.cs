using System.Globalization;
using Rockstor.Testing;

namespace Rockstor.Web.Tests.Api;

/// <summary>
/// One appliance, set up, whose Replication service (off until a test turns it on) listens on a port of its
/// own, free when the fixture was made; shared by the tests of a class.
/// </summary>
public sealed class ReplicationPortFixture : ApplianceFixture
{
    public ReplicationPortFixture()
        : this(ApplianceProcess.FreePort())
    {
    }

    private ReplicationPortFixture(int port)
        : base(new Dictionary<string, string> { ["Rockstor__ReplicationPort"] = port.ToString(CultureInfo.InvariantCulture) }) =>
        Port = port;

    /// <summary>The port the Replication service was given in the appliance's settings.</summary>
    public int Port { get; }
}
