using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Rockstor.Bench.DelayLine;

/// <summary>
/// One direction of a connection. A reader takes what arrives (up to <see cref="LinkSettings.ReadBytes"/>
/// at a time), notes when, and queues it; a writer sends each piece on no earlier than its arrival plus
/// the delay, while reading goes on. When <see cref="LinkSettings.QueueBytes"/> are held, reading waits
/// for the writer, and TCP holds the sender back. The rate cap paces the reading, not the writing: a
/// piece of <see cref="LinkSettings.PaceBytes"/> at most is taken once the link has sent the one before
/// (a token bucket one piece deep) and leaves when it has gone through at the rate, plus the delay. So
/// the sender meets the link's rate at once, as at a real bottleneck, with only the kernel's socket
/// buffers in between. (Paced behind the queue, the first 64 MiB went in at loopback speed: a sender of
/// 100 MB at 20 MB/s was done after 1.5 s; now after 4.8 s.) The end of the sender's data is passed on
/// (a half-close) once everything before it has left.
/// </summary>
public sealed class Pump(Socket from, Socket to, LinkSettings link, ArrayPool<byte> pool, TimeProvider time, DueTimer timer)
{
    private readonly Channel<Piece> _queue = Channel.CreateUnbounded<Piece>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly long _delayTicks = (long)(link.Delay.TotalSeconds * time.TimestampFrequency);
    private readonly Lock _gate = new();
    private long _held;
    private long _endDue; // when the sender's end (its half-close) may be passed on
    private TaskCompletionSource? _room;

    /// <summary>Bytes sent on so far.</summary>
    public long Forwarded { get; private set; }

    /// <summary>
    /// Runs until the sender's data has all been passed on and the half-close with it. Throws what the
    /// sockets throw (a reset, the other side gone, <paramref name="ct"/> cancelled) as soon as either
    /// half fails: the caller then resets both sides, which ends the other half.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var reading = ReadAsync(ct);
        var writing = WriteAsync(ct);
        var first = await Task.WhenAny(reading, writing);
        if (!first.IsCompletedSuccessfully)
        {
            Observe(first == reading ? writing : reading);
            await first;
        }

        await Task.WhenAll(reading, writing);
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        try
        {
            var ticksPerByte = link.BytesPerSecond > 0 ? time.TimestampFrequency / link.BytesPerSecond : 0;
            var size = ticksPerByte > 0 ? LinkSettings.PaceBytes : LinkSettings.ReadBytes;
            var bucketTicks = (long)(size * ticksPerByte); // the credit an idle link keeps: one piece
            var linkFreeAt = 0L; // with a rate cap: when the link has sent what it has taken
            while (true)
            {
                await RoomAsync(ct);
                if (ticksPerByte > 0)
                {
                    await timer.UntilAsync(linkFreeAt, ct);
                }

                var buffer = pool.Rent(size);
                int read;
                try
                {
                    read = await from.ReceiveAsync(buffer.AsMemory(0, size), SocketFlags.None, ct);
                }
                catch
                {
                    pool.Return(buffer);
                    throw;
                }

                var arrived = time.GetTimestamp();
                if (read == 0)
                {
                    // The end travels the link as the data did: it is written before the queue is
                    // completed, and the writer reads it only after the completion.
                    pool.Return(buffer);
                    _endDue = Math.Max(arrived, linkFreeAt) + _delayTicks;
                    return;
                }

                if (ticksPerByte > 0)
                {
                    // The piece goes through the link after the one before, or from when the bucket's
                    // credit allows (so a wake-up a little late costs no rate), and is through once its
                    // last byte is: never before it arrived.
                    linkFreeAt = Math.Max(linkFreeAt, arrived - bucketTicks) + (long)(read * ticksPerByte);
                    arrived = Math.Max(arrived, linkFreeAt);
                }

                if (read <= size / 4)
                {
                    // A small piece is held in a small buffer: the limit counts the memory held, and a
                    // stream of small writes must not hold a large buffer each.
                    var small = pool.Rent(read);
                    buffer.AsSpan(0, read).CopyTo(small);
                    pool.Return(buffer);
                    buffer = small;
                }

                lock (_gate)
                {
                    _held += buffer.Length;
                }

                _queue.Writer.TryWrite(new Piece(buffer, read, arrived + _delayTicks));
            }
        }
        catch (Exception e)
        {
            // A reset is not an end: the writer must not pass on a half-close for it.
            _queue.Writer.TryComplete(e);
            throw;
        }
        finally
        {
            _queue.Writer.TryComplete();
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        await foreach (var piece in _queue.Reader.ReadAllAsync(ct))
        {
            try
            {
                await timer.UntilAsync(piece.Due, ct);
                await SendAsync(piece.Buffer.AsMemory(0, piece.Length), ct);
                Forwarded += piece.Length;
            }
            finally
            {
                Release(piece.Buffer);
            }
        }

        await timer.UntilAsync(_endDue, ct);
        to.Shutdown(SocketShutdown.Send);
    }

    private async Task SendAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (!data.IsEmpty)
        {
            var sent = await to.SendAsync(data, SocketFlags.None, ct);
            data = data[sent..];
        }
    }

    private Task RoomAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_held < link.QueueBytes)
            {
                return Task.CompletedTask;
            }

            _room = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _room.Task.WaitAsync(ct);
        }
    }

    private void Release(byte[] buffer)
    {
        TaskCompletionSource? room = null;
        lock (_gate)
        {
            _held -= buffer.Length;
            if (_room is not null && _held < link.QueueBytes)
            {
                (room, _room) = (_room, null);
            }
        }

        pool.Return(buffer);
        room?.TrySetResult();
    }

    /// <summary>The half that ends second fails too once the first has (the reset), or ends quietly: either way, seen.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    /// <summary>What arrived, how much of the buffer it fills, and when it may leave (a timestamp).</summary>
    private readonly record struct Piece(byte[] Buffer, int Length, long Due);
}
