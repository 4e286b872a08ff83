namespace Rockstor.Domain.Replication.Listening;

/// <summary>A port one of the appliance's own servers uses, and which server (for the sentence that refuses it).</summary>
public sealed record ReservedPort(int Port, string Holder);
