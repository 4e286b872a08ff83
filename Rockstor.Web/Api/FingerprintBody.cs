namespace Rockstor.Web.Api;

/// <summary>A certificate fingerprint (SHA-256, hex, with or without ':' or spaces): announced by a peer, or confirmed by the admin.</summary>
public sealed record FingerprintBody(string Fingerprint);
