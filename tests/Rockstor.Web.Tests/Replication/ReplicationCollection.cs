namespace Rockstor.Web.Tests.Replication;

/// <summary>The replication tests share one pair of appliances (and a third host), started once.</summary>
[CollectionDefinition(nameof(ReplicationCollection))]
public sealed class ReplicationCollection : ICollectionFixture<TwoAppliances>;
