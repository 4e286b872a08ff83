using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// Decides, piece by piece, whether a piece of the stream is worth compressing. "On" always tries;
/// "auto" compresses only where that is measured to pay: it keeps running figures of what one byte
/// costs to put on the connection (the time a write takes, which is the link's speed once the socket's
/// buffer is full), what one byte costs to compress, and how small compression makes it, and compresses
/// when <c>compress + ratio × send</c> is below the cost of sending as it is divided by <see cref="Gain"/>.
/// A fast link (or a receiver that shares this machine's cores) thus never waits for the compressor,
/// and a slow link with compressible data gets it. While not compressing, one piece in
/// <see cref="ProbeEvery"/> is compressed anyway, to keep the compressor's figures fresh as the data
/// changes (the probe's result is sent when smaller, so it is not wasted); each probe that finds
/// compression not worth it doubles the gap to the next, up to <see cref="ProbeAtMost"/> pieces, so a
/// long transfer on a fast link spends well under 1 % of its time probing.
/// </summary>
internal sealed class CompressionChoice(CompressionMode mode)
{
    /// <summary>Compression must promise at least this speed-up, so a close call stays uncompressed.</summary>
    public const double Gain = 1.3;

    public const int ProbeEvery = 32;

    public const int ProbeAtMost = 128;

    /// <summary>Weight of the newest measurement in the running figures (small: one slow write is not a slow link).</summary>
    private const double Weight = 0.1;

    private double _sendPerByte = double.NaN;
    private double _compressPerByte = double.NaN;
    private double _ratio = double.NaN;
    private long _untilProbe;
    private long _probeGap = ProbeEvery;

    /// <summary>Seconds spent compressing, in all.</summary>
    public double CompressorSeconds { get; private set; }

    /// <summary>Bytes given to the compressor, in all.</summary>
    public long CompressorInput { get; private set; }

    /// <summary>Whether the next piece is to be compressed (when that makes it smaller).</summary>
    public bool Try()
    {
        switch (mode)
        {
            case CompressionMode.Off:
                return false;
            case CompressionMode.On:
                return true;
        }

        if (Pays)
        {
            _probeGap = ProbeEvery;
            return true;
        }

        if (--_untilProbe > 0)
        {
            return false;
        }

        _untilProbe = _probeGap;
        _probeGap = Math.Min(ProbeAtMost, _probeGap * 2);
        return true;
    }

    /// <summary>Whether, by the figures so far, compressing is faster than sending as it is.</summary>
    public bool Pays =>
        !double.IsNaN(_sendPerByte) && !double.IsNaN(_compressPerByte)
        && _compressPerByte + (_ratio * _sendPerByte) < _sendPerByte / Gain;

    /// <summary>A piece of <paramref name="input"/> bytes came out of the compressor as <paramref name="output"/> bytes.</summary>
    public void Compressed(int input, int output, TimeSpan took)
    {
        if (input <= 0)
        {
            return;
        }

        CompressorSeconds += took.TotalSeconds;
        CompressorInput += input;
        _compressPerByte = Blend(_compressPerByte, took.TotalSeconds / input);
        _ratio = Blend(_ratio, Math.Min(1.0, (double)output / input));
    }

    /// <summary><paramref name="bytes"/> went onto the connection in <paramref name="took"/>.</summary>
    public void Sent(int bytes, TimeSpan took)
    {
        if (bytes > 0)
        {
            _sendPerByte = Blend(_sendPerByte, took.TotalSeconds / bytes);
        }
    }

    private static double Blend(double running, double latest) => double.IsNaN(running) ? latest : running + (Weight * (latest - running));
}
