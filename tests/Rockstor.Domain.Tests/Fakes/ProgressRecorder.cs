namespace Rockstor.Domain.Tests.Fakes;

/// <summary>Keeps every report, on the reporting thread (unlike <see cref="Progress{T}"/>, which posts them).</summary>
public sealed class ProgressRecorder<T> : IProgress<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _heard = [];

    public IReadOnlyList<T> Heard
    {
        get
        {
            lock (_lock)
            {
                return _heard.ToList();
            }
        }
    }

    public void Report(T value)
    {
        lock (_lock)
        {
            _heard.Add(value);
        }
    }
}
