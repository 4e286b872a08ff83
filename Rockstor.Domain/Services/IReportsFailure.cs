namespace Rockstor.Domain.Services;

/// <summary>
/// A service whose work runs outside the appliance's process (a server it started) and can end on its
/// own; it says so, and the <see cref="ServiceMonitor"/> shows it as failed with the reason.
/// </summary>
public interface IReportsFailure
{
    /// <summary>Raised with the service's name and a sentence saying what ended.</summary>
    event Action<string, string>? Failed;
}
