namespace Rockstor.Domain.Alerts;

public interface IAlertRepository
{
    /// <summary>Adds the alert (giving it its id) or replaces it.</summary>
    void Save(Alert alert);

    /// <summary>The open alert of this kind for the task, if any.</summary>
    Alert? FindOpen(AlertKind kind, int taskId);

    IReadOnlyList<Alert> OpenFor(int taskId);

    /// <summary>The open alert of this kind about the pool, if any.</summary>
    Alert? FindOpen(AlertKind kind, string pool);

    /// <summary>The open alert of this kind about something else (<see cref="Alert.About"/>), if any.</summary>
    Alert? FindOpenAbout(AlertKind kind, string about);

    /// <summary>The alerts raised since a time, open or not, oldest first.</summary>
    IReadOnlyList<Alert> RaisedSince(DateTimeOffset since);

    /// <summary>Newest first; open ones only when asked.</summary>
    IReadOnlyList<Alert> List(bool openOnly, int take);

    int CountOpen();
}
