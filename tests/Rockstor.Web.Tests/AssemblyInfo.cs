// The tests here run one at a time; scripts/test.sh runs this assembly as two processes side by side (the
// replication and configuration tests in one), which share nothing (see TestNetwork, ImportCandidates).
// losetup --find copes with two processes attaching at once (util-linux 2.38 tries the next free device).
// One at a time is what makes [Fact(Timeout = ms)] work: xUnit 2 supports Timeout only with parallelisation off
// (FactAttribute.Timeout's documentation). A test past its timeout fails, and xUnit disposes its class at
// once while the test's code may still run: fixtures cancel what they started first (StorageHost.Lifetime;
// ApplianceProcess stops its process), then clean up.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
