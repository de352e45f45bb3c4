using System.Text.Json;
using Wiimmfi.Protocols.NatNeg;

namespace Wiimmfi.Tests.Protocols.NatNeg;

public class NatNegParserVectorTests
{
    public static TheoryData<string> DecodedNames => NatNegVectors.AsTheoryData(NatNegVectors.DecodedNames());

    [Theory]
    [MemberData(nameof(DecodedNames))]
    public void Captured_packet_decodes_to_the_fields_in_the_fact_sheet(string name)
    {
        var vector = NatNegVectors.Get(name);
        var bytes = Convert.FromHexString(vector.GetProperty("hex").GetString()!);
        var decoded = vector.GetProperty("decoded");
        Assert.Equal(vector.GetProperty("length").GetInt32(), bytes.Length);

        var result = NatNegParser.Parse(bytes);

        Assert.True(result.IsAccepted, $"rejected: {result.Reason}");
        var packet = result.Packet;
        Assert.Equal(decoded.GetProperty("version").GetInt32(), packet.Header.Version);
        Assert.Equal(decoded.GetProperty("type").GetInt32(), (int)packet.Type);
        Assert.Equal(decoded.GetProperty("cookie").GetUInt32(), packet.Cookie);
        Assert.Equal(bytes.Length, packet.WireLength);

        switch (packet)
        {
            case NatNegInitPacket init:
                Assert.Equal(decoded.GetProperty("port_type").GetInt32(), (int)init.PortType);
                Assert.Equal(decoded.GetProperty("client_index").GetInt32(), init.ClientIndex);
                Assert.Equal(decoded.GetProperty("use_game_port").GetInt32(), init.UseGamePort);
                Assert.Equal(decoded.GetProperty("ip").GetString(), init.LocalAddress.IpText);
                Assert.Equal(decoded.GetProperty("port").GetInt32(), init.LocalAddress.Port);
                Assert.Equal(Optional(decoded, "gamename"), init.GameName);
                break;
            case NatNegConnectPacket connect:
                Assert.Equal(decoded.GetProperty("remote_ip").GetString(), connect.RemoteAddress.IpText);
                Assert.Equal(decoded.GetProperty("remote_port").GetInt32(), connect.RemoteAddress.Port);
                Assert.Equal(decoded.GetProperty("got_your_data").GetInt32(), connect.GotYourData);
                Assert.Equal(decoded.GetProperty("finished").GetInt32(), connect.Finished);
                break;
            case NatNegReportPacket report:
                Assert.Equal(decoded.GetProperty("port_type").GetInt32(), (int)report.PortType);
                Assert.Equal(decoded.GetProperty("client_index").GetInt32(), report.ClientIndex);
                Assert.Equal(decoded.GetProperty("result").GetInt32(), report.Result);
                Assert.Equal(decoded.GetProperty("nat_type_be").GetUInt32(), (uint)report.GetNatType(ConsoleByteOrder.BigEndian));
                if (decoded.TryGetProperty("mapping_scheme_be", out var scheme))
                {
                    Assert.Equal(scheme.GetUInt32(), (uint)report.GetMappingScheme(ConsoleByteOrder.BigEndian));
                }
                Assert.Equal(Optional(decoded, "gamename"), report.GameName);
                break;
            case NatNegPreInitPacket preInit:
                Assert.Equal(decoded.GetProperty("client_index").GetInt32(), preInit.ClientIndex);
                Assert.Equal(decoded.GetProperty("state").GetInt32(), preInit.State);
                Assert.Equal(Convert.ToUInt32(decoded.GetProperty("client_id_hex").GetString(), 16), preInit.ClientId);
                break;
            default:
                Assert.Fail($"unexpected shape {packet.GetType().Name}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(DecodedNames))]
    public void Captured_packet_is_rebuilt_byte_for_byte(string name)
    {
        var bytes = Convert.FromHexString(NatNegVectors.Get(name).GetProperty("hex").GetString()!);

        var packet = NatNegParser.Parse(bytes).Packet!;

        Assert.Equal(Convert.ToHexString(bytes), Convert.ToHexString(packet.ToArray()));
    }

    [Fact]
    public void Every_vector_in_the_file_is_covered_by_a_test()
    {
        var covered = NatNegVectors.DecodedNames().Length + NatNegVectors.ReplyNames().Length + 1; // + CONNECT_pair
        Assert.Equal(NatNegVectors.Count, covered);
    }

    private static string Optional(JsonElement decoded, string property) =>
        decoded.TryGetProperty(property, out var value) ? value.GetString()! : "";
}
