using System.Buffers.Binary;
using System.Text;

namespace Rockstor.Testing;

/// <summary>
/// A btrfs send stream taken apart into its commands (btrfs-progs' send.h, format version 1), to be changed
/// and put together again with checksums btrfs receive accepts: the tests' hostile sender. Parsing checks
/// every command's CRC32C, so the checksum code is proven on real streams before it signs a forged one.
/// </summary>
public sealed class SendStream
{
    public const ushort Subvolume = 1;
    public const ushort Snapshot = 2;
    public const ushort MakeFile = 3;
    public const ushort MakeDirectory = 4;
    public const ushort MakeNode = 5;
    public const ushort MakeFifo = 6;
    public const ushort Symlink = 8;
    public const ushort Rename = 9;
    public const ushort Write = 15;
    public const ushort Clone = 16;
    public const ushort End = 21;

    public const ushort Uuid = 1;
    public const ushort Inode = 3;
    public const ushort Mode = 5;
    public const ushort DeviceNumber = 8;
    public const ushort Path = 15;
    public const ushort PathTo = 16;
    public const ushort PathLink = 17;
    public const ushort FileOffset = 18;
    public const ushort Data = 19;
    public const ushort CloneUuid = 20;
    public const ushort CloneTransaction = 21;
    public const ushort ClonePath = 22;
    public const ushort CloneOffset = 23;
    public const ushort CloneLength = 24;

    private static readonly byte[] Magic = "btrfs-stream\0"u8.ToArray();
    private static readonly uint[] Table = MakeTable();

    private SendStream(uint version, List<Command> commands)
    {
        Version = version;
        Commands = commands;
    }

    public uint Version { get; }

    public List<Command> Commands { get; }

    public static SendStream Parse(byte[] bytes)
    {
        if (!bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new FormatException("Not a btrfs send stream.");
        }

        var version = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (version != 1)
        {
            throw new FormatException($"Only format version 1 is taken apart here, not {version}.");
        }

        var commands = new List<Command>();
        var at = Magic.Length + 4;
        while (at < bytes.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            var type = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 4));
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 6));
            var whole = bytes.AsSpan(at, 10 + length).ToArray();
            whole.AsSpan(6, 4).Clear();
            if (Crc32C(whole) != crc)
            {
                throw new FormatException($"The checksum of command {commands.Count} does not match: the CRC32C here is not btrfs's.");
            }

            var command = new Command(type);
            var payload = bytes.AsSpan(at + 10, length);
            while (!payload.IsEmpty)
            {
                var attribute = BinaryPrimitives.ReadUInt16LittleEndian(payload);
                var size = BinaryPrimitives.ReadUInt16LittleEndian(payload[2..]);
                command.Attributes.Add(new Attribute(attribute, payload.Slice(4, size).ToArray()));
                payload = payload[(4 + size)..];
            }

            commands.Add(command);
            at += 10 + length;
        }

        return new SendStream(version, commands);
    }

    /// <summary>The stream's bytes, every command signed anew.</summary>
    public byte[] ToBytes()
    {
        using var output = new MemoryStream();
        output.Write(Magic);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(word, Version);
        output.Write(word);
        foreach (var command in Commands)
        {
            var payload = command.Attributes.SelectMany(a => (byte[])[.. LittleEndian16(a.Type), .. LittleEndian16((ushort)a.Value.Length), .. a.Value]).ToArray();
            var whole = new byte[10 + payload.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(whole, (uint)payload.Length);
            BinaryPrimitives.WriteUInt16LittleEndian(whole.AsSpan(4), command.Type);
            payload.CopyTo(whole, 10);
            BinaryPrimitives.WriteUInt32LittleEndian(whole.AsSpan(6), Crc32C(whole));
            output.Write(whole);
        }

        return output.ToArray();
    }

    /// <summary>Sets every path attribute equal to <paramref name="from"/> to <paramref name="to"/>; returns how many.</summary>
    public int ReplacePath(string from, string to)
    {
        var replaced = 0;
        foreach (var command in Commands)
        {
            foreach (var attribute in command.Attributes.Where(a => a.Type is Path or PathTo or PathLink or ClonePath && a.Text == from))
            {
                attribute.Text = to;
                replaced++;
            }
        }

        return replaced;
    }

    /// <summary>CRC32C as btrfs computes it for send streams: seed 0 and no final inversion.</summary>
    public static uint Crc32C(ReadOnlySpan<byte> data)
    {
        uint crc = 0;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xff] ^ (crc >> 8);
        }

        return crc;
    }

    private static byte[] LittleEndian16(ushort value) => [(byte)value, (byte)(value >> 8)];

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var crc = i;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }

            table[i] = crc;
        }

        return table;
    }

    public sealed class Command(ushort type)
    {
        public ushort Type { get; } = type;

        public List<Attribute> Attributes { get; } = [];

        public Attribute this[ushort type] => Attributes.Single(a => a.Type == type);

        public override string ToString() => $"{Type}: {string.Join(", ", Attributes.Select(a => $"{a.Type}={a.Text}"))}";
    }

    public sealed class Attribute(ushort type, byte[] value)
    {
        public ushort Type { get; } = type;

        public byte[] Value { get; set; } = value;

        public string Text
        {
            get => Encoding.UTF8.GetString(Value);
            set => Value = Encoding.UTF8.GetBytes(value);
        }

        /// <summary>A uuid attribute as btrfs prints it.</summary>
        public string UuidText
        {
            get
            {
                var hex = Convert.ToHexString(Value).ToLowerInvariant();
                return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
            }

            set => Value = Convert.FromHexString(value.Replace("-", "", StringComparison.Ordinal));
        }
    }
}
