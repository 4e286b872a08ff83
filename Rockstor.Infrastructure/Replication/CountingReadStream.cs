using Rockstor.Domain.Common;

namespace Rockstor.Infrastructure.Replication;

/// <summary>A read-only stream that passes reads through and reports the bytes read so far.</summary>
internal sealed class CountingReadStream(Stream inner, IProgress<long> progress) : ReadOnlyStream
{
    private long _read;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        _read += read;
        progress.Report(_read);
        return read;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
