using Wiimmfi.Protocols.Qr2;
using static Wiimmfi.Tests.Protocols.MatchmakingVectors;

namespace Wiimmfi.Tests.Protocols.Qr2;

public class Qr2ChallengeTests
{
    public static IEnumerable<object[]> ChallengeVectors() =>
        Rows("qr2_challenge", "vectors", (e, _) =>
            e.GetProperty("inputs").GetProperty("secret_key").GetString() + "/" +
            e.GetProperty("inputs").GetProperty("challenge").GetString());

    [Theory]
    [MemberData(nameof(ChallengeVectors))]
    public void Response_matches_the_known_answer(string label, int index)
    {
        var vector = Element("qr2_challenge", "vectors", index);
        string key = vector.GetProperty("inputs").GetProperty("secret_key").GetString()!;
        string challenge = vector.GetProperty("inputs").GetProperty("challenge").GetString()!;
        string expected = vector.GetProperty("expected").GetProperty("response").GetString()!;

        Assert.Equal(expected, Qr2ChallengeAlgorithm.ComputeResponse(key, challenge));
        Assert.True(Qr2ChallengeAlgorithm.Verify(key, challenge, expected), label);

        if (vector.TryGetProperty("intermediate", out var intermediate))
        {
            var output = new byte[challenge.Length];
            Qr2ChallengeAlgorithm.Encrypt(System.Text.Encoding.ASCII.GetBytes(key), System.Text.Encoding.ASCII.GetBytes(challenge), output);
            Assert.Equal(intermediate.GetProperty("gs_encrypt_output_hex").GetString(), ToHex(output));
        }
        if (vector.TryGetProperty("altwfc_output_differs", out var altwfc))
            Assert.False(Qr2ChallengeAlgorithm.Verify(key, challenge, altwfc.GetString()!));
    }

    [Fact]
    public void Wrong_response_is_refused()
    {
        const string challenge = "aB3xY900C0A8011ED431";
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", challenge, "FUKwiace2Yy+2db1IXDgWjr3WlsB"));
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", challenge, "FUKwiace2Yy+2db1IXDgWjr3Wls"));
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", challenge, ""));
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", challenge, "FUKwiace2Yy+2db1IXDgWjr3WlsAA"));
    }

    [Fact]
    public void Response_computed_with_another_games_key_is_refused()
    {
        const string challenge = "aB3xY900C0A8011ED431";
        string mkdsResponse = Qr2ChallengeAlgorithm.ComputeResponse("yeJ3x8", challenge);
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", challenge, mkdsResponse));
    }

    [Fact]
    public void Response_to_a_different_challenge_is_refused()
    {
        string stale = Qr2ChallengeAlgorithm.ComputeResponse("9r3Rmy", "Qw7Ert005516824CEE38");
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", "aB3xY900C0A8011ED431", stale));
    }

    [Fact]
    public void Non_latin_characters_in_a_response_are_refused_without_throwing()
    {
        Assert.False(Qr2ChallengeAlgorithm.Verify("9r3Rmy", "aB3xY900C0A8011ED431", new string('\u4e00', 28)));
    }

    [Fact]
    public void Fresh_challenge_carries_the_public_address_and_random_letters_or_digits()
    {
        string challenge = Qr2Challenge.Create(Ip("85.22.130.76"), 60984);
        Assert.Equal(Qr2Challenge.Length, challenge.Length);
        Assert.All(challenge[..6], c => Assert.True(char.IsAsciiLetterOrDigit(c)));
        Assert.EndsWith("005516824CEE38", challenge);
        Assert.True(Qr2Challenge.TryParse(challenge, out _, out uint ip, out ushort port));
        Assert.Equal(Ip("85.22.130.76"), ip);
        Assert.Equal(60984, port);
    }

    [Fact]
    public void Fresh_challenges_differ()
    {
        var challenges = Enumerable.Range(0, 20).Select(_ => Qr2Challenge.Create(1, 2)).ToHashSet();
        Assert.True(challenges.Count > 1);
    }
}
