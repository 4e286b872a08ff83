// Appliances here make loop devices and mounts; losetup --find races when two processes look at once.
// It is also what makes [Fact(Timeout = ms)] work: xUnit 2 supports Timeout only with parallelisation off
// (FactAttribute.Timeout's documentation). A test past its timeout fails, and xUnit disposes its class at
// once while the test's code may still run: fixtures cancel what they started first (StorageHost.Lifetime;
// ApplianceProcess stops its process), then clean up.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
