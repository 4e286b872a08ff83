using System.Collections.Concurrent;
using Rockstor.Domain.Accounts;

namespace Rockstor.Web.Accounts;

/// <summary>
/// Ends live connections whose login ends while they are open: a request checks its session once, but a
/// web-ui circuit or a hub connection lives on. A watched session is ended when every login is ended
/// (logout, new password) and when its absolute lifetime is over.
/// </summary>
public sealed class SessionWatch : IDisposable
{
    /// <summary>Timers wait at most this long and look again (a timer cannot wait a year).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private readonly SessionService _sessions;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionWatch> _logger;
    private readonly ConcurrentDictionary<Watcher, byte> _watchers = new();

    public SessionWatch(SessionService sessions, TimeProvider time, ILogger<SessionWatch> logger)
    {
        _sessions = sessions;
        _time = time;
        _logger = logger;
        _sessions.AllEnded += CheckAll;
    }

    /// <summary>How many connections are watched (for tests and diagnostics).</summary>
    public int Count => _watchers.Count;

    /// <summary>Calls <paramref name="end"/> once, when the session ends; disposing the answer stops watching.</summary>
    public IDisposable Watch(Session session, Action end)
    {
        var watcher = new Watcher(this, session, end);
        _watchers[watcher] = 0;
        watcher.Check();
        return watcher;
    }

    public void Dispose()
    {
        _sessions.AllEnded -= CheckAll;
        foreach (var watcher in _watchers.Keys)
        {
            watcher.Dispose();
        }
    }

    private void CheckAll()
    {
        foreach (var watcher in _watchers.Keys)
        {
            watcher.Check();
        }
    }

    private sealed class Watcher(SessionWatch owner, Session session, Action end) : IDisposable
    {
        private readonly Lock _gate = new();
        private ITimer? _timer;
        private bool _done;

        /// <summary>Ends the connection if its session no longer holds, else waits for its absolute end.</summary>
        public void Check()
        {
            if (owner._sessions.Refusal(session) is not null)
            {
                End();
                return;
            }

            var wait = owner._sessions.EndsAt(session) - owner._time.GetUtcNow();
            lock (_gate)
            {
                if (!_done)
                {
                    _timer?.Dispose();
                    _timer = owner._time.CreateTimer(_ => Check(), null, Clamp(wait), Timeout.InfiniteTimeSpan);
                }
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _done = true;
                _timer?.Dispose();
            }

            owner._watchers.TryRemove(this, out _);
        }

        private void End()
        {
            lock (_gate)
            {
                if (_done)
                {
                    return;
                }
            }

            Dispose();
            try
            {
                end();
            }
            catch (Exception e)
            {
                owner._logger.LogWarning(e, "A connection of an ended login could not be closed");
            }
        }

        private static TimeSpan Clamp(TimeSpan wait) =>
            wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait + TimeSpan.FromMilliseconds(50);
    }
}
