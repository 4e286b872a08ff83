namespace Rockstor.Domain.Updates;

/// <summary>A newer version the package source offers, downloaded: its version, what changed, and the package file.</summary>
public sealed record PackageOffer(string Version, string Changelog, string PackageFile);
