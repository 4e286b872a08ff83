using System.Globalization;
using System.Text;

namespace Rockstor.Infrastructure.Nfs;

/// <summary>
/// Writes the whole configuration of the appliance's own NFS-Ganesha (ADR-030): NFSv4 (and v3 when
/// asked) on the appliance's port, its recovery state under the data directory, owners and groups as
/// numbers (as Linux clients send them with sec=sys, so no idmapping domain is needed), NFSv3 mounts by the
/// same path as v4 (server:/share), and one EXPORT a share
/// with a CLIENT block per entry. The export itself grants nothing (Access_Type = None): only the listed
/// clients get in. Every value is a checked host (<see cref="Domain.Nfs.NfsRules"/>), a share's checked
/// name, a number, or a folder the appliance made; a folder with a quote or a line break is refused.
/// </summary>
public static class GaneshaConfigWriter
{
    /// <summary>Debian's nobody and nogroup: whom a squashed root becomes (Ganesha's own default is -2, a number no account has).</summary>
    private const string NobodyId = "65534";

    public static string Write(int port, bool v3, string recoveryRoot, bool graceless, IReadOnlyList<GaneshaExportEntry> exports)
    {
        var protocols = v3 ? "3, 4" : "4";
        var conf = new StringBuilder();
        conf.AppendLine("# Written by Rockstor: changes made here are replaced. Change NFS from the web-ui.");
        Block(conf, "NFS_CORE_PARAM", 0, inner =>
        {
            Line(inner, 1, $"Protocols = {protocols};");
            Line(inner, 1, $"NFS_Port = {port.ToString(CultureInfo.InvariantCulture)};");
            Line(inner, 1, $"Enable_NLM = {Bool(v3)};");
            Line(inner, 1, "Enable_RQUOTA = false;");
            Line(inner, 1, "Mount_Path_Pseudo = true;");
        });
        Block(conf, "NFSV4", 0, inner =>
        {
            Line(inner, 1, "RecoveryBackend = fs;");
            Line(inner, 1, $"RecoveryRoot = {Quoted(recoveryRoot)};");
            Line(inner, 1, $"Graceless = {Bool(graceless)};");
            Line(inner, 1, "Only_Numeric_Owners = true;");
        });
        foreach (var entry in exports.Where(e => e.Export.Enabled).OrderBy(e => e.Export.ExportId))
        {
            Export(conf, entry, protocols);
        }

        Block(conf, "LOG", 0, inner => Line(inner, 1, "Default_Log_Level = EVENT;"));
        return conf.ToString();
    }

    private static void Export(StringBuilder conf, GaneshaExportEntry entry, string protocols)
    {
        var export = entry.Export;
        if (export.ExportId is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), export.ExportId, "An export id is 1 to 65535.");
        }

        Block(conf, "EXPORT", 0, inner =>
        {
            Line(inner, 1, $"Export_Id = {export.ExportId.ToString(CultureInfo.InvariantCulture)};");
            Line(inner, 1, $"Path = {Quoted(entry.Path)};");
            Line(inner, 1, $"Pseudo = {Quoted("/" + export.Share)};");
            Line(inner, 1, $"Protocols = {protocols};");
            Line(inner, 1, "Transports = TCP;");
            Line(inner, 1, "SecType = sys;");
            Line(inner, 1, "Access_Type = None;");
            Line(inner, 1, "Squash = root_squash;");
            Line(inner, 1, $"Anonymous_Uid = {NobodyId};");
            Line(inner, 1, $"Anonymous_Gid = {NobodyId};");
            Block(inner, "FSAL", 1, fsal => Line(fsal, 2, "Name = VFS;"));
            foreach (var client in export.Clients)
            {
                Block(inner, "CLIENT", 1, block =>
                {
                    Line(block, 2, $"Clients = {client.Host};");
                    Line(block, 2, $"Access_Type = {(client.ReadOnly ? "RO" : "RW")};");
                    Line(block, 2, $"Squash = {(client.AllSquash ? "all_squash" : client.RootSquash ? "root_squash" : "no_root_squash")};");
                    if (client.AllSquash)
                    {
                        Line(block, 2, $"Anonymous_Uid = {entry.OwnerUid.ToString(CultureInfo.InvariantCulture)};");
                        Line(block, 2, $"Anonymous_Gid = {entry.OwnerGid.ToString(CultureInfo.InvariantCulture)};");
                    }
                });
            }
        });
    }

    private static void Block(StringBuilder conf, string name, int depth, Action<StringBuilder> body)
    {
        Line(conf, depth, $"{name} {{");
        body(conf);
        Line(conf, depth, "}");
    }

    private static void Line(StringBuilder conf, int depth, string text) => conf.Append(' ', depth * 4).Append(text).Append('\n');

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Quoted(string value) =>
        value.IndexOfAny(['"', '\n', '\r', '\\']) < 0
            ? $"\"{value}\""
            : throw new Domain.Common.ValidationException($"'{value}' cannot go into the NFS configuration: it holds a quote, a backslash or a line break.");
}
