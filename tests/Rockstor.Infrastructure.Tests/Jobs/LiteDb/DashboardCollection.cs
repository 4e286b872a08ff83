namespace Rockstor.Infrastructure.Tests.Jobs.LiteDb;

[CollectionDefinition(nameof(DashboardCollection))]
public sealed class DashboardCollection : ICollectionFixture<DashboardHost>;
