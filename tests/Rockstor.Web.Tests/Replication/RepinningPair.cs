namespace Rockstor.Web.Tests.Replication;

/// <summary>
/// The <see cref="PairWithATask"/> the tests of <see cref="CertificateRepinningTests"/> share; after each test the
/// destination runs and pins the certificate the source presents, with none pending.
/// </summary>
public sealed class RepinningPair() : PairWithATask(RepinningPair.SourceId, "8e4f5a6b7c8d49e0b1c2d3e4f5a6b7c8")
{
    public const string SourceId = "7d3e4f5a6b7c48d9a0b1c2d3e4f5a6b7";
}
