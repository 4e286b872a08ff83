using Rockstor.Domain.Nfs;
using Rockstor.Infrastructure.Nfs;

namespace Rockstor.Infrastructure.Tests.Nfs;

public sealed class GaneshaConfigWriterTests
{
    private static GaneshaExportEntry Entry(string share, int id, bool enabled, params NfsClient[] clients) =>
        new(new NfsExport { Share = share, ExportId = id, Enabled = enabled, Clients = clients }, $"/mnt2/tank/{share}", 1001, 100);

    [Fact]
    public void Each_enabled_export_grants_only_its_listed_clients_with_their_access_and_squash()
    {
        var conf = GaneshaConfigWriter.Write(
            2049,
            v3: false,
            "/var/lib/rockstor/nfs",
            graceless: false,
            [
                Entry("photos", 2, true, new NfsClient("192.168.1.0/24", ReadOnly: false), new NfsClient("pc1", ReadOnly: true, RootSquash: false), new NfsClient("pc2", false, true, AllSquash: true)),
                Entry("hidden", 1, false, new NfsClient("pc1", true)),
            ]);

        Assert.Equal(
            """
            # Written by Rockstor: changes made here are replaced. Change NFS from the web-ui.
            NFS_CORE_PARAM {
                Protocols = 4;
                NFS_Port = 2049;
                Enable_NLM = false;
                Enable_RQUOTA = false;
                Mount_Path_Pseudo = true;
            }
            NFSV4 {
                RecoveryBackend = fs;
                RecoveryRoot = "/var/lib/rockstor/nfs";
                Graceless = false;
                Only_Numeric_Owners = true;
            }
            EXPORT {
                Export_Id = 2;
                Path = "/mnt2/tank/photos";
                Pseudo = "/photos";
                Protocols = 4;
                Transports = TCP;
                SecType = sys;
                Access_Type = None;
                Squash = root_squash;
                Anonymous_Uid = 65534;
                Anonymous_Gid = 65534;
                FSAL {
                    Name = VFS;
                }
                CLIENT {
                    Clients = 192.168.1.0/24;
                    Access_Type = RW;
                    Squash = root_squash;
                }
                CLIENT {
                    Clients = pc1;
                    Access_Type = RO;
                    Squash = no_root_squash;
                }
                CLIENT {
                    Clients = pc2;
                    Access_Type = RW;
                    Squash = all_squash;
                    Anonymous_Uid = 1001;
                    Anonymous_Gid = 100;
                }
            }
            LOG {
                Default_Log_Level = EVENT;
            }

            """.Replace("\r\n", "\n", StringComparison.Ordinal),
            conf);
    }

    [Fact]
    public void Version_3_turns_on_the_lock_manager_and_a_folder_with_a_quote_is_refused()
    {
        var conf = GaneshaConfigWriter.Write(2049, v3: true, "/var/lib/rockstor/nfs", graceless: true, []);

        Assert.Contains("Protocols = 3, 4;", conf, StringComparison.Ordinal);
        Assert.Contains("Enable_NLM = true;", conf, StringComparison.Ordinal);
        Assert.Contains("cannot go into the NFS configuration", Assert.Throws<Rockstor.Domain.Common.ValidationException>(() => GaneshaConfigWriter.Write(2049, false, "/var/lib/\"x", false, [])).Message, StringComparison.Ordinal);
    }
}
