using System.Buffers;
using System.Threading.Channels;
using Rockstor.Domain.Replication.Receiving;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The stream of a local task, from btrfs send to btrfs receive in one process: what is written to
/// <see cref="Writer"/> is read from <see cref="Reader"/>, at most a few pieces held between them, so
/// the sender waits for the receiver as it would on a socket. Nothing crosses a network, so nothing is
/// framed, compressed or checksummed: the stream is whole when the writer ended it and the reader read
/// all of it.
/// </summary>
internal sealed class LocalStreamPipe
{
    /// <summary>Pieces held between the two sides (each one write of the sender, at most 1 MiB usually).</summary>
    private const int Held = 16;

    private readonly Lock _completing = new();

    private readonly Channel<(byte[] Bytes, int Length)> _pieces = Channel.CreateBounded<(byte[], int)>(
        new BoundedChannelOptions(Held) { SingleReader = true, SingleWriter = true });

    private bool _completed;

    public LocalStreamPipe(IProgress<long> written)
    {
        Writer = new WriteSide(_pieces.Writer, written);
        Reader = new ReadSide(_pieces.Reader);
    }

    public WriteSide Writer { get; }

    public ReadSide Reader { get; }

    /// <summary>Ends the stream, once: whole when <paramref name="error"/> is null; otherwise the reader fails with it.</summary>
    public void Complete(Exception? error = null)
    {
        lock (_completing)
        {
            if (_completed)
            {
                return; // a later stop does not make a stream that ended whole a broken one
            }

            _completed = true;
            Reader.EndedWhole = error is null;
            _pieces.Writer.TryComplete(error);
        }
    }

    internal sealed class WriteSide(ChannelWriter<(byte[] Bytes, int Length)> pieces, IProgress<long> written) : WriteOnlyStream
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return;
            }

            var piece = ArrayPool<byte>.Shared.Rent(buffer.Length);
            buffer.CopyTo(piece);
            try
            {
                await pieces.WriteAsync((piece, buffer.Length), cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException e)
            {
                ArrayPool<byte>.Shared.Return(piece);
                throw new IOException("The receive ended before the stream did.", e);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(piece);
                throw;
            }

            written.Report(Interlocked.Add(ref _count, buffer.Length));
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    internal sealed class ReadSide(ChannelReader<(byte[] Bytes, int Length)> pieces) : ReceivedStream
    {
        private byte[]? _current;
        private int _offset;
        private int _length;
        private long _received;
        private bool _reachedEnd;
        private string? _stopped;
        private long _expected;

        public bool EndedWhole { get; set; }

        public override bool Intact => _reachedEnd && EndedWhole;

        public override long Received => Interlocked.Read(ref _received);

        public override long StreamReceived => Received;

        public override long ExpectedBytes => Interlocked.Read(ref _expected);

        public override string? StoppedBySender => Volatile.Read(ref _stopped);

        public void Stopped(string reason) => Volatile.Write(ref _stopped, reason);

        public void Expect(long bytes) => Interlocked.Exchange(ref _expected, Math.Max(0, bytes));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_current is null)
            {
                if (!await pieces.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    _reachedEnd = true;
                    return 0;
                }

                (_current, _length) = await pieces.ReadAsync(cancellationToken).ConfigureAwait(false);
                _offset = 0;
            }

            var served = Math.Min(buffer.Length, _length - _offset);
            _current.AsSpan(_offset, served).CopyTo(buffer.Span);
            _offset += served;
            if (_offset == _length)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = null;
            }

            Interlocked.Add(ref _received, served);
            return served;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && _current is not null)
            {
                ArrayPool<byte>.Shared.Return(_current);
                _current = null;
            }

            base.Dispose(disposing);
        }
    }
}
