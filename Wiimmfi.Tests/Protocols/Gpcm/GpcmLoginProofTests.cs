using Wiimmfi.Protocols.Gpcm;
using Wiimmfi.Tests.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Gpcm;

public class GpcmLoginProofTests
{
    public static TheoryData<int, string> Vectors => VectorFile.Rows("gpcm_login_proof", v => v.GetProperty("expected").GetProperty("response").GetString()!);

    private static (string Sc, string Nc, string Token, string Cc, string Response, string Proof) Vector(int index)
    {
        var v = VectorFile.Items("gpcm_login_proof")[index];
        var i = v.GetProperty("inputs");
        var e = v.GetProperty("expected");
        return (i.GetProperty("server_challenge").GetString()!, i.GetProperty("nas_challenge").GetString()!, i.GetProperty("authtoken").GetString()!,
                i.GetProperty("client_challenge").GetString()!, e.GetProperty("response").GetString()!, e.GetProperty("proof").GetString()!);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Response_and_proof_match_the_known_answers(int index, string response)
    {
        var v = Vector(index);

        Assert.Equal(response, GpcmLoginProof.ComputeResponse(v.Nc, v.Token, v.Cc, v.Sc));
        Assert.Equal(v.Proof, GpcmLoginProof.ComputeProof(v.Nc, v.Token, v.Cc, v.Sc));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_genuine_response_is_accepted(int index, string response)
    {
        var v = Vector(index);

        Assert.True(GpcmLoginProof.VerifyResponse(response, v.Nc, v.Token, v.Cc, v.Sc));
    }

    [Fact]
    public void Login_with_a_wrong_response_is_refused()
    {
        var v = Vector(0);

        Assert.False(GpcmLoginProof.VerifyResponse(v.Proof, v.Nc, v.Token, v.Cc, v.Sc));
        Assert.False(GpcmLoginProof.VerifyResponse(v.Response.ToUpperInvariant(), v.Nc, v.Token, v.Cc, v.Sc));
        Assert.False(GpcmLoginProof.VerifyResponse(v.Response, "WRONGNAS", v.Token, v.Cc, v.Sc));
        Assert.False(GpcmLoginProof.VerifyResponse(v.Response[..31], v.Nc, v.Token, v.Cc, v.Sc));
        Assert.False(GpcmLoginProof.VerifyResponse(null, v.Nc, v.Token, v.Cc, v.Sc));
    }

    [Fact]
    public void An_over_long_response_is_compared_on_its_first_32_characters()
    {
        var v = Vector(0);

        Assert.True(GpcmLoginProof.VerifyResponse(v.Response + "trailing", v.Nc, v.Token, v.Cc, v.Sc));
    }

    [Fact]
    public void Challenges_have_the_shapes_consoles_expect()
    {
        Assert.Matches("^[A-Z]{10}$", GpcmLoginProof.CreateServerChallenge());
        Assert.Matches("^[A-Za-z0-9]{32}$", GpcmLoginProof.CreateClientChallenge());
    }

    [Fact]
    public void Session_keys_stay_in_the_positive_range_consoles_echo()
    {
        for (var i = 0; i < 1000; i++)
        {
            Assert.InRange(GpcmSessionKey.Create(), GpcmSessionKey.Minimum, GpcmSessionKey.Maximum - 1);
        }
    }
}
