// The appliance manages btrfs through Linux tools; it runs on Linux only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
