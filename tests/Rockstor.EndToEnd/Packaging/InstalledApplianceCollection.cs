namespace Rockstor.EndToEnd.Packaging;

/// <summary>The package tests share one installed appliance: the package is built once.</summary>
[CollectionDefinition(nameof(InstalledApplianceCollection))]
public sealed class InstalledApplianceCollection : ICollectionFixture<InstalledAppliance>;
