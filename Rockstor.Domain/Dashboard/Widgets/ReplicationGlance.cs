namespace Rockstor.Domain.Dashboard.Widgets;

/// <summary>Replication at a glance: tasks behind (open stale alerts), the newest failure, and sends under way.</summary>
public sealed record ReplicationGlance(int Behind, RunFailure? LastFailure, IReadOnlyList<RunningRun> Running);
