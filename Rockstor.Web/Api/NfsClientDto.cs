namespace Rockstor.Web.Api;

/// <summary>One client entry of an NFS export: access "ro" or "rw".</summary>
public sealed record NfsClientDto(string Host, string Access, bool RootSquash, bool AllSquash);
