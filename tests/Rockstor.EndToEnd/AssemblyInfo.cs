// Appliances here make loop devices and mounts; losetup --find races when two processes look at once.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
