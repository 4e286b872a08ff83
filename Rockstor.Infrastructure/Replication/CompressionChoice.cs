using Rockstor.Domain.Replication.Tasks;

namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// Decides, piece by piece, whether a piece of the stream is worth compressing. "On" always tries;
/// "auto" compresses only where that is measured to pay: it keeps running figures of what one byte
/// costs to put on the connection, what one byte costs to compress, and how small compression makes it,
/// and compresses when <c>compress + ratio × send</c> is below the cost of sending as it is divided by
/// <see cref="Gain"/>. A fast link (or a receiver that shares this machine's cores) thus never waits for
/// the compressor, and a slow link with compressible data gets it.
/// <para>
/// Each figure is kept honest about what can make it lie. Only pieces of at least <see cref="Telling"/>
/// bytes count: the time a small one takes is mostly the call's own. What a byte costs to send is what a
/// write of it takes, which is the link's speed once the socket's buffers are full; a compressed piece is
/// small and lands in the room the link made while it was being compressed, so its quick write says
/// nothing of the link and counts only when it is slower than the figure (the link is slow even for
/// compressed data). What a byte costs to compress can only be made to look higher (code not yet
/// compiled for speed, the other core busy): a faster measurement replaces the figure, a slower one moves
/// it by a quarter.
/// </para>
/// <para>
/// While not compressing, one piece in <see cref="ProbeEvery"/> is compressed anyway, to keep the
/// compressor's figures fresh as the data changes (the probe's result is sent when smaller, so it is not
/// wasted); each probe that finds compression not worth it doubles the gap to the next, up to
/// <see cref="ProbeAtMost"/> pieces, so a long transfer on a fast link spends well under 1 % of its time
/// probing.
/// </para>
/// </summary>
internal sealed class CompressionChoice(CompressionMode mode)
{
    /// <summary>Compression must promise at least this speed-up, so a close call stays uncompressed.</summary>
    public const double Gain = 1.3;

    public const int ProbeEvery = 32;

    public const int ProbeAtMost = 128;

    /// <summary>The smallest piece whose timing says something of the link or the compressor (and is worth a probe).</summary>
    public const int Telling = 64 * 1024;

    /// <summary>Weight of the newest write in the send figure (small: one slow write is not a slow link).</summary>
    private const double SendWeight = 0.1;

    /// <summary>Weight of a slower compression in the compressor's cost (a faster one replaces it).</summary>
    private const double SlowerWeight = 0.25;

    /// <summary>Weight of the newest compressed piece in the ratio (measured rarely while off).</summary>
    private const double RatioWeight = 0.5;

    private double _sendPerByte = double.NaN;
    private double _compressPerByte = double.NaN;
    private double _ratio = double.NaN;
    private long _untilProbe;
    private long _probeGap = ProbeEvery;

    /// <summary>Seconds spent compressing, in all.</summary>
    public double CompressorSeconds { get; private set; }

    /// <summary>Bytes given to the compressor, in all.</summary>
    public long CompressorInput { get; private set; }

    /// <summary>Whether, by the figures so far, compressing is faster than sending as it is.</summary>
    public bool Pays =>
        !double.IsNaN(_sendPerByte) && !double.IsNaN(_compressPerByte)
        && _compressPerByte + (_ratio * _sendPerByte) < _sendPerByte / Gain;

    /// <summary>Whether the next piece, of <paramref name="length"/> bytes, is to be compressed (when that makes it smaller).</summary>
    public bool Try(int length)
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

        if (length < Telling || --_untilProbe > 0)
        {
            return false;
        }

        _untilProbe = _probeGap;
        _probeGap = Math.Min(ProbeAtMost, _probeGap * 2);
        return true;
    }

    /// <summary>A piece of <paramref name="input"/> bytes came out of the compressor as <paramref name="output"/> bytes.</summary>
    public void Compressed(int input, int output, TimeSpan took)
    {
        if (input <= 0)
        {
            return;
        }

        CompressorSeconds += took.TotalSeconds;
        CompressorInput += input;
        if (input < Telling)
        {
            return;
        }

        var perByte = took.TotalSeconds / input;
        _compressPerByte = double.IsNaN(_compressPerByte) || perByte < _compressPerByte
            ? perByte
            : Blend(_compressPerByte, perByte, SlowerWeight);
        _ratio = Blend(_ratio, Math.Min(1.0, (double)output / input), RatioWeight);
    }

    /// <summary><paramref name="bytes"/> (<paramref name="compressed"/> or not) went onto the connection in <paramref name="took"/>.</summary>
    public void Sent(int bytes, TimeSpan took, bool compressed)
    {
        if (bytes < Telling)
        {
            return;
        }

        var perByte = took.TotalSeconds / bytes;
        if (!compressed || !(perByte <= _sendPerByte))
        {
            _sendPerByte = Blend(_sendPerByte, perByte, SendWeight);
        }
    }

    private static double Blend(double running, double latest, double weight) => double.IsNaN(running) ? latest : running + (weight * (latest - running));
}
