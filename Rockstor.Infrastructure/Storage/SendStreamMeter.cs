using System.Buffers.Binary;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Reads a `btrfs send --no-data` stream as it is written and adds up what a real send would carry:
/// the stream itself (its commands without file data) plus the sizes of the extents it only names
/// (UPDATE_EXTENT commands). Holds no more than one command header at a time.
/// </summary>
internal sealed class SendStreamMeter : Stream
{
    private const int StreamHeaderLength = 17; // "btrfs-stream\0" and a 32-bit version
    private const int CommandHeaderLength = 10; // 32-bit length, 16-bit command, 32-bit crc
    private const ushort UpdateExtent = 22;
    private const ushort SizeAttribute = 4;

    private readonly byte[] _header = new byte[CommandHeaderLength];
    private int _streamHeaderLeft = StreamHeaderLength;
    private int _headerFilled;
    private long _payloadLeft;
    private byte[]? _payload;
    private int _payloadFilled;

    /// <summary>Bytes of the metadata-only stream.</summary>
    public long StreamLength { get; private set; }

    /// <summary>File data a real send would add.</summary>
    public long DataBytes { get; private set; }

    public long Estimate => StreamLength + DataBytes;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => StreamLength;

    public override long Position { get => StreamLength; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        StreamLength += buffer.Length;
        while (!buffer.IsEmpty)
        {
            if (_streamHeaderLeft > 0)
            {
                var skip = Math.Min(_streamHeaderLeft, buffer.Length);
                _streamHeaderLeft -= skip;
                buffer = buffer[skip..];
            }
            else if (_payloadLeft > 0)
            {
                var take = (int)Math.Min(_payloadLeft, buffer.Length);
                if (_payload is not null)
                {
                    buffer[..take].CopyTo(_payload.AsSpan(_payloadFilled));
                    _payloadFilled += take;
                }

                _payloadLeft -= take;
                buffer = buffer[take..];
                if (_payloadLeft == 0 && _payload is not null)
                {
                    DataBytes += SizeOf(_payload);
                    _payload = null;
                }
            }
            else
            {
                var take = Math.Min(CommandHeaderLength - _headerFilled, buffer.Length);
                buffer[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                buffer = buffer[take..];
                if (_headerFilled == CommandHeaderLength)
                {
                    _headerFilled = 0;
                    _payloadLeft = BinaryPrimitives.ReadUInt32LittleEndian(_header);
                    var command = BinaryPrimitives.ReadUInt16LittleEndian(_header.AsSpan(4));

                    // An UPDATE_EXTENT is small (a path, an offset, a size): keep it to read its size.
                    _payload = command == UpdateExtent && _payloadLeft <= 64 * 1024 ? new byte[_payloadLeft] : null;
                    _payloadFilled = 0;
                }
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>The SIZE attribute of an UPDATE_EXTENT command's attributes (type, length, value).</summary>
    private static long SizeOf(ReadOnlySpan<byte> attributes)
    {
        while (attributes.Length >= 4)
        {
            var type = BinaryPrimitives.ReadUInt16LittleEndian(attributes);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(attributes[2..]);
            if (attributes.Length < 4 + length)
            {
                break;
            }

            if (type == SizeAttribute && length == 8)
            {
                return (long)BinaryPrimitives.ReadUInt64LittleEndian(attributes[4..]);
            }

            attributes = attributes[(4 + length)..];
        }

        return 0;
    }
}
