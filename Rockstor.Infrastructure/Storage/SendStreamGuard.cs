using System.Buffers.Binary;
using System.Text;
using Rockstor.Domain.Storage;

namespace Rockstor.Infrastructure.Storage;

/// <summary>
/// Reads a send stream on its way into `btrfs receive` and stops it at the first command its offer does
/// not allow, before btrfs has that command whole (btrfs acts on a command only once it has read all of
/// it, and a chunk is handed on only after every command ending in it was checked). btrfs-progs joins the
/// stream's paths to the receive folder without looking at them, and opens a clone's source and an
/// incremental's parent from the filesystem's top, outside any chroot; so the stream may:
/// <list type="bullet">
/// <item>make one subvolume, first, named and identified as offered (for an incremental, a snapshot of the offered parent);</item>
/// <item>use only relative paths without "." or ".." parts (a symlink's target is content and may be anything);</item>
/// <item>clone only from itself or from the parent, and from the parent only along a path without symbolic links;</item>
/// <item>end with its end command, and nothing after it.</item>
/// </list>
/// It parses as btrfs-progs does (format versions 1 and 2) and keeps only small string attributes, never file data.
/// </summary>
internal sealed class SendStreamGuard(Stream inner, ExpectedSubvolume expected, Func<byte[], bool> isSymbolicLink) : Stream
{
    private const int StreamHeaderLength = 17; // "btrfs-stream\0" and a 32-bit version
    private const int CommandHeaderLength = 10; // 32-bit length, 16-bit command, 32-bit crc
    private const int MaxAttribute = 35;
    private const int MaxKeptAttribute = 64 * 1024;

    private static readonly byte[] Magic = "btrfs-stream\0"u8.ToArray();

    private readonly byte[] _streamHeader = new byte[StreamHeaderLength];
    private readonly byte[] _commandHeader = new byte[CommandHeaderLength];
    private readonly byte[] _attributeHeader = new byte[4];
    private readonly Dictionary<int, byte[]> _attributes = [];
    private readonly byte[] _uuid = UuidBytes(expected.Uuid);
    private readonly byte[]? _parentUuid = expected.ParentUuid is null ? null : UuidBytes(expected.ParentUuid);
    private readonly byte[] _name = Encoding.UTF8.GetBytes(expected.Name);

    private int _streamHeaderFilled;
    private uint _version;
    private int _commandHeaderFilled;
    private ushort _command;
    private long _commandLeft;
    private Phase _phase;
    private int _attributeHeaderFilled;
    private int _attributeType;
    private long _attributeLeft;
    private byte[]? _attributeValue;
    private int _attributeFilled;
    private ulong _seenAttributes;
    private int _commands;
    private bool _ended;
    private int _reading;
    private long _lastRead = Environment.TickCount64;

    /// <summary>Why the stream was stopped, once it was.</summary>
    public string? Refusal { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Whether a read is waiting for the input now (then a quiet reader is waiting for the sender, not stuck).</summary>
    public bool Reading => Volatile.Read(ref _reading) != 0;

    /// <summary>When the last read ended (or the guard was made): how long its reader has not asked for more.</summary>
    public long LastReadTicks => Interlocked.Read(ref _lastRead);

    public override int Read(Span<byte> buffer)
    {
        Interlocked.Exchange(ref _reading, 1);
        try
        {
            var read = inner.Read(buffer);
            Check(buffer[..read]);
            return read;
        }
        finally
        {
            Ended();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _reading, 1);
        try
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Check(buffer.Span[..read]);
            return read;
        }
        finally
        {
            Ended();
        }
    }

    private void Ended()
    {
        Interlocked.Exchange(ref _lastRead, Environment.TickCount64);
        Interlocked.Exchange(ref _reading, 0);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Checks a chunk before it is handed on; the end of the input is a chunk of nothing.</summary>
    private void Check(ReadOnlySpan<byte> chunk)
    {
        if (Refusal is not null)
        {
            throw new UnsafeSendStreamException(Refusal);
        }

        try
        {
            if (chunk.IsEmpty)
            {
                CheckEnd();
            }

            while (!chunk.IsEmpty)
            {
                chunk = Step(chunk);
            }
        }
        catch (UnsafeSendStreamException e)
        {
            Refusal = e.Message;
            throw;
        }
    }

    private void CheckEnd()
    {
        if (!_ended)
        {
            throw new UnsafeSendStreamException("The send stream stopped before its end command; nothing of it was kept.");
        }
    }

    private ReadOnlySpan<byte> Step(ReadOnlySpan<byte> chunk)
    {
        if (_streamHeaderFilled < StreamHeaderLength)
        {
            var take = Fill(chunk, _streamHeader, ref _streamHeaderFilled, StreamHeaderLength);
            if (_streamHeaderFilled == StreamHeaderLength)
            {
                CheckStreamHeader();
            }

            return chunk[take..];
        }

        if (_ended)
        {
            throw new UnsafeSendStreamException("The send stream goes on after its end command (a second subvolume?); nothing of it was kept.");
        }

        if (_commandLeft == 0)
        {
            var take = Fill(chunk, _commandHeader, ref _commandHeaderFilled, CommandHeaderLength);
            if (_commandHeaderFilled == CommandHeaderLength)
            {
                BeginCommand();
            }

            return chunk[take..];
        }

        return StepAttribute(chunk);
    }

    private void CheckStreamHeader()
    {
        if (!_streamHeader.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new UnsafeSendStreamException("This is not a btrfs send stream; nothing of it was kept.");
        }

        _version = BinaryPrimitives.ReadUInt32LittleEndian(_streamHeader.AsSpan(Magic.Length));
        if (_version is < 1 or > 2)
        {
            throw new UnsafeSendStreamException($"The send stream has format version {_version}, which this appliance does not take; nothing of it was kept.");
        }
    }

    private void BeginCommand()
    {
        _commandHeaderFilled = 0;
        _commandLeft = BinaryPrimitives.ReadUInt32LittleEndian(_commandHeader);
        _command = BinaryPrimitives.ReadUInt16LittleEndian(_commandHeader.AsSpan(4));
        _attributes.Clear();
        _seenAttributes = 0;
        _attributeHeaderFilled = 0;
        _phase = Phase.Type;
        if (_command is 0 or > (ushort)SendCommand.EnableVerity)
        {
            throw new UnsafeSendStreamException($"The send stream has an unknown command ({_command}); nothing of it was kept.");
        }

        if (_commandLeft == 0)
        {
            EndCommand();
        }
    }

    private ReadOnlySpan<byte> StepAttribute(ReadOnlySpan<byte> chunk)
    {
        if (_phase == Phase.Value)
        {
            var part = (int)Math.Min(_attributeLeft, chunk.Length);
            if (_attributeValue is not null)
            {
                chunk[..part].CopyTo(_attributeValue.AsSpan(_attributeFilled));
                _attributeFilled += part;
            }

            _attributeLeft -= part;
            _commandLeft -= part;
            if (_attributeLeft == 0)
            {
                EndAttribute();
            }

            return chunk[part..];
        }

        // A type (2 bytes), then for most attributes a length (2 more bytes).
        var want = _phase == Phase.Type ? 2 : 4;
        if (_commandLeft < want - _attributeHeaderFilled)
        {
            throw new UnsafeSendStreamException("The send stream has a command cut in the middle of an attribute; nothing of it was kept.");
        }

        var take = Fill(chunk, _attributeHeader, ref _attributeHeaderFilled, want);
        _commandLeft -= take;
        if (_attributeHeaderFilled == want)
        {
            if (_phase == Phase.Type)
            {
                BeginAttribute();
            }
            else
            {
                StartValue(BinaryPrimitives.ReadUInt16LittleEndian(_attributeHeader.AsSpan(2)));
            }
        }

        return chunk[take..];
    }

    private void BeginAttribute()
    {
        _attributeType = BinaryPrimitives.ReadUInt16LittleEndian(_attributeHeader);
        if (_attributeType is 0 or > MaxAttribute)
        {
            throw new UnsafeSendStreamException($"The send stream has an unknown attribute ({_attributeType}); nothing of it was kept.");
        }

        if ((_seenAttributes & (1UL << _attributeType)) != 0)
        {
            throw new UnsafeSendStreamException($"A command of the send stream repeats attribute {_attributeType}; nothing of it was kept.");
        }

        _seenAttributes |= 1UL << _attributeType;
        if (_version >= 2 && _attributeType == (int)SendAttribute.Data)
        {
            // In version 2 the data attribute has no length of its own: it runs to the end of the command.
            StartValue(_commandLeft);
        }
        else
        {
            _phase = Phase.Length;
        }
    }

    private void StartValue(long length)
    {
        if (length > _commandLeft)
        {
            throw new UnsafeSendStreamException("The send stream has an attribute longer than its command; nothing of it was kept.");
        }

        _phase = Phase.Value;
        _attributeLeft = length;
        _attributeFilled = 0;
        _attributeValue = IsKept((SendAttribute)_attributeType) && length <= MaxKeptAttribute ? new byte[length] : null;
        if (length == 0)
        {
            EndAttribute();
        }
    }

    private void EndAttribute()
    {
        if (_attributeValue is not null)
        {
            _attributes[_attributeType] = _attributeValue;
        }

        _attributeValue = null;
        _attributeHeaderFilled = 0;
        _phase = Phase.Type;
        if (_commandLeft == 0)
        {
            EndCommand();
        }
    }

    private void EndCommand()
    {
        var command = (SendCommand)_command;
        _commands++;
        if (_commands == 1 && command is not (SendCommand.Subvolume or SendCommand.Snapshot))
        {
            throw new UnsafeSendStreamException("The send stream does not begin with its subvolume; nothing of it was kept.");
        }

        switch (command)
        {
            case SendCommand.Subvolume or SendCommand.Snapshot:
                CheckSubvolume(command);
                break;
            case SendCommand.Clone:
                CheckClone();
                break;
            case SendCommand.End:
                _ended = true;
                break;
        }

        foreach (var (type, value) in _attributes)
        {
            var isPath = (SendAttribute)type switch
            {
                SendAttribute.Path or SendAttribute.PathTo or SendAttribute.ClonePath => true,
                SendAttribute.PathLink => command != SendCommand.Symlink, // a link's target is content; a hard link's source is a path
                _ => false,
            };
            if (isPath && command is not (SendCommand.Subvolume or SendCommand.Snapshot))
            {
                CheckPath(value);
            }
        }
    }

    private void CheckSubvolume(SendCommand command)
    {
        if (_commands != 1)
        {
            throw new UnsafeSendStreamException("The send stream makes more than one subvolume; only the offered one may be received, and nothing of it was kept.");
        }

        var name = Required(SendAttribute.Path);
        if (!name.AsSpan().SequenceEqual(_name))
        {
            throw new UnsafeSendStreamException($"The send stream makes a subvolume named '{Shown(name)}', not the offered '{expected.Name}'; nothing of it was kept.");
        }

        if (!Required(SendAttribute.Uuid).AsSpan().SequenceEqual(_uuid))
        {
            throw new UnsafeSendStreamException("The send stream is of another snapshot than the one offered (its uuid differs); nothing of it was kept.");
        }

        if (command == SendCommand.Subvolume && _parentUuid is not null)
        {
            throw new UnsafeSendStreamException("An incremental send was offered but the stream is a full one; nothing of it was kept.");
        }

        if (command == SendCommand.Snapshot && (_parentUuid is null || !Required(SendAttribute.CloneUuid).AsSpan().SequenceEqual(_parentUuid)))
        {
            throw new UnsafeSendStreamException("The send stream builds on another parent than the one offered; nothing of it was kept.");
        }
    }

    private void CheckClone()
    {
        var source = Required(SendAttribute.CloneUuid);
        var path = Required(SendAttribute.ClonePath);
        if (source.AsSpan().SequenceEqual(_uuid))
        {
            return;
        }

        if (_parentUuid is null || !source.AsSpan().SequenceEqual(_parentUuid) || expected.ParentPath is null)
        {
            throw new UnsafeSendStreamException("The send stream clones data from a subvolume other than itself and its parent; nothing of it was kept.");
        }

        // The parent is opened from the filesystem's top, outside the chroot: a symbolic link on the way
        // (the parent is read-only, so what is checked here is what btrfs will open) could lead anywhere.
        CheckPath(path);
        var prefix = Encoding.UTF8.GetBytes(expected.ParentPath.TrimEnd('/') + "/");
        for (var at = 0; at <= path.Length; at++)
        {
            if (at == path.Length || path[at] == (byte)'/')
            {
                if (isSymbolicLink([.. prefix, .. path.AsSpan(0, at)]))
                {
                    throw new UnsafeSendStreamException($"The send stream clones through a symbolic link in the parent ('{Shown(path)}'); nothing of it was kept.");
                }
            }
        }
    }

    private static void CheckPath(byte[] path)
    {
        if (path.Length == 0)
        {
            return; // the subvolume's own top
        }

        if (path[0] == (byte)'/' || path.AsSpan().Contains((byte)0))
        {
            throw new UnsafeSendStreamException($"The send stream names a path outside its subvolume ('{Shown(path)}'); nothing of it was kept.");
        }

        foreach (var part in Encoding.Latin1.GetString(path).Split('/'))
        {
            if (part is "" or "." or "..")
            {
                throw new UnsafeSendStreamException($"The send stream names a path outside its subvolume ('{Shown(path)}'); nothing of it was kept.");
            }
        }
    }

    private byte[] Required(SendAttribute attribute) =>
        _attributes.TryGetValue((int)attribute, out var value)
            ? value
            : throw new UnsafeSendStreamException($"A {(SendCommand)_command} command of the send stream lacks its {attribute}; nothing of it was kept.");

    private static bool IsKept(SendAttribute attribute) => attribute is
        SendAttribute.Uuid or SendAttribute.CloneUuid or SendAttribute.Path or SendAttribute.PathTo or SendAttribute.PathLink or SendAttribute.ClonePath;

    private static int Fill(ReadOnlySpan<byte> chunk, byte[] into, ref int filled, int length)
    {
        var take = Math.Min(length - filled, chunk.Length);
        chunk[..take].CopyTo(into.AsSpan(filled));
        filled += take;
        return take;
    }

    /// <summary>A path as a person can read it, cut short.</summary>
    private static string Shown(byte[] path) => Domain.Common.Echo.Of(Encoding.UTF8.GetString(path));

    private static byte[] UuidBytes(string uuid) => Convert.FromHexString(uuid.Replace("-", "", StringComparison.Ordinal));

    /// <summary>Where in an attribute the next byte falls: its type, its length, or its value.</summary>
    private enum Phase
    {
        Type,
        Length,
        Value,
    }

    /// <summary>The send stream's commands this guard looks at (btrfs-progs' send.h).</summary>
    private enum SendCommand : ushort
    {
        Subvolume = 1,
        Snapshot = 2,
        Symlink = 8,
        Clone = 16,
        End = 21,
        EnableVerity = 26,
    }

    /// <summary>The send stream's attributes this guard looks at (btrfs-progs' send.h).</summary>
    private enum SendAttribute
    {
        Uuid = 1,
        Path = 15,
        PathTo = 16,
        PathLink = 17,
        Data = 19,
        CloneUuid = 20,
        ClonePath = 22,
    }
}
