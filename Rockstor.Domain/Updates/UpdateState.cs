namespace Rockstor.Domain.Updates;

public enum UpdateState
{
    /// <summary>No update has run (or its outcome was cleared).</summary>
    Idle,

    /// <summary>The updater is at work: the appliance restarts on the way.</summary>
    Running,

    /// <summary>The new version runs.</summary>
    Succeeded,

    /// <summary>The new version did not install or did not become healthy; the previous one was put back.</summary>
    RolledBack,

    /// <summary>The update did not happen, or putting the previous version back failed too.</summary>
    Failed,
}
