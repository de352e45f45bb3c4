using System.Text;
using Wiimmfi.Protocols.GameStats;

namespace Wiimmfi.Tests.Protocols.GameStats;

public class GameStatsVectorTests
{
    [Fact]
    public void Server_challenge_is_obfuscated_except_the_terminator()
    {
        var vector = GameStatsVectors.Get("gstats TCP XOR");
        var plain = vector.GetProperty("inputs").GetProperty("plain").GetString()!;
        Assert.Equal("GameSpy3D", vector.GetProperty("inputs").GetProperty("xor_key").GetString());

        var wire = GameStatsObfuscation.Encode(Encoding.Latin1.GetBytes(plain));

        Assert.Equal(vector.GetProperty("expected").GetProperty("wire_hex").GetString(), Convert.ToHexStringLower(wire));
    }

    [Fact]
    public void Server_challenge_from_the_vector_reads_back()
    {
        var wire = Convert.FromHexString(GameStatsVectors.Get("gstats TCP XOR").GetProperty("expected").GetProperty("wire_hex").GetString()!);

        var result = GameStatsFrameReader.Read(wire);

        Assert.Equal(GameStatsReadStatus.Message, result.Status);
        Assert.Equal(wire.Length, result.Consumed);
        Assert.Equal(@"\lc\1\challenge\ABCDEFGHIJ\id\1", result.Message!.ToString());
        Assert.Equal(wire, GameStatsReplies.ServerChallenge("ABCDEFGHIJ").ToWireBytes());
    }

    [Fact]
    public void Client_hash_is_sha1_of_key_and_token()
    {
        var vector = GameStatsVectors.Get("web client hash");
        var key = vector.GetProperty("inputs").GetProperty("gamestats_key").GetString()!;
        var token = vector.GetProperty("inputs").GetProperty("token").GetString()!;
        var expected = vector.GetProperty("expected").GetProperty("hash").GetString()!;

        Assert.Equal(expected, GameStatsWebChallenge.ComputeClientHash(key, token));
        Assert.True(GameStatsWebChallenge.VerifyClientHash(key, token, expected));
        Assert.True(GameStatsWebChallenge.VerifyClientHash(key, token, expected.ToUpperInvariant()));
        Assert.False(GameStatsWebChallenge.VerifyClientHash(key, token + "x", expected));
        Assert.False(GameStatsWebChallenge.VerifyClientHash(key, token, expected[..^1]));
        Assert.False(GameStatsWebChallenge.VerifyClientHash(key, token, null));
    }

    [Fact]
    public void Get2_answer_carries_the_padded_payload_and_its_footer()
    {
        var vector = GameStatsVectors.Get("web response footer (get2, WiiLink padding variant)");
        var inputs = vector.GetProperty("inputs");
        var key = inputs.GetProperty("gamestats_key").GetString()!;
        var payload = Convert.FromHexString(inputs.GetProperty("payload_hex").GetString()!)
            .Concat(new byte[inputs.GetProperty("zero_padding_bytes").GetInt32()]).ToArray();
        var expected = vector.GetProperty("expected");

        var body = GameStatsWebChallenge.BuildResponse(payload, key, gameStatsVersion: 3);

        Assert.Equal(expected.GetProperty("footer_ascii").GetString(), GameStatsWebChallenge.ComputeFooter(key, payload));
        Assert.Equal(expected.GetProperty("response_hex").GetString(), Convert.ToHexStringLower(body));
        Assert.Equal(payload, GameStatsWebChallenge.EmptyRankingPayloadWithPadding());
    }

    [Fact]
    public void Version_1_game_gets_the_payload_without_footer()
    {
        Assert.Equal("done"u8.ToArray(), GameStatsWebChallenge.BuildResponse(GameStatsWebChallenge.AltWfcVersion3Payload, "k", 1));
        Assert.Equal(4 + 40, GameStatsWebChallenge.BuildResponse(GameStatsWebChallenge.AltWfcVersion3Payload, "k", 2).Length);
    }

    [Fact]
    public void Every_vector_in_the_file_is_covered()
    {
        Assert.Equal(3, GameStatsVectors.Count);
    }
}
