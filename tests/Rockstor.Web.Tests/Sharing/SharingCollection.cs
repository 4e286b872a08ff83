namespace Rockstor.Web.Tests.Sharing;

/// <summary>The SMB, SFTP and NFS tests share one appliance in a network of its own, started once.</summary>
[CollectionDefinition(nameof(SharingCollection))]
public sealed class SharingCollection : ICollectionFixture<SharingAppliance>;
