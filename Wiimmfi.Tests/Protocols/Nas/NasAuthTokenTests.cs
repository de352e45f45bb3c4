using System.Text;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Tests.Protocols.Nas;

public class NasAuthTokenTests
{
    private static readonly DateTimeOffset IssuedAt = new(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("a shared cluster secret, 32 byte");

    private static NasAuthToken Sample(byte[]? name = null) => new(
        IssuedAt, 1786673827498, "RMCJ2leohni", "RMCE", NasPlatform.Wii, 6168191425252890, 0x01, 0x02, "ABCDEFGH",
        name ?? Encoding.BigEndianUnicode.GetBytes("Mario"));

    [Fact]
    public void A_sealed_token_opens_to_the_same_login_record()
    {
        var codec = new NasAuthTokenCodec(Secret);

        var text = codec.Seal(Sample());

        Assert.Equal(NasTokenCheck.Valid, codec.TryOpen(text, IssuedAt.AddMinutes(5), out var opened));
        Assert.Equal(Sample() with { InGameNameRaw = opened!.InGameNameRaw }, opened);
        Assert.Equal(Sample().InGameNameRaw, opened.InGameNameRaw);
        Assert.Equal("Mario", opened.InGameName);
    }

    [Fact]
    public void Tokens_are_175_characters_of_the_NWC_alphabet_after_NDS()
    {
        var text = new NasAuthTokenCodec(Secret).Seal(Sample());

        Assert.Equal(175, text.Length);
        Assert.StartsWith("NDS", text);
        Assert.All(text[3..], c => Assert.Contains(c, NwcBase64.Alphabet + "*"));
        Assert.True(text.Length <= NasTokens.MaxLength);
    }

    [Fact]
    public void Another_node_with_the_same_secret_opens_the_token()
    {
        var text = new NasAuthTokenCodec(Secret).Seal(Sample());

        Assert.Equal(NasTokenCheck.Valid, new NasAuthTokenCodec(Secret).TryOpen(text, IssuedAt, out _));
    }

    [Fact]
    public void A_token_from_another_secret_is_refused_as_forged()
    {
        var text = NasAuthTokenCodec.CreateWithRandomSecret().Seal(Sample());

        Assert.Equal(NasTokenCheck.Forged, new NasAuthTokenCodec(Secret).TryOpen(text, IssuedAt, out var opened));
        Assert.Null(opened);
    }

    [Fact]
    public void Flipping_any_single_bit_of_the_token_makes_it_fail()
    {
        var codec = new NasAuthTokenCodec(Secret);
        var text = codec.Seal(Sample());
        Assert.True(NwcBase64.TryDecode(text.AsSpan(3), out var cipher));
        for (var bit = 0; bit < cipher.Length * 8; bit++)
        {
            var tampered = (byte[])cipher.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));

            Assert.Equal(NasTokenCheck.Forged, codec.TryOpen("NDS" + NwcBase64.Encode(tampered), IssuedAt, out _));
        }
    }

    [Fact]
    public void Replacing_any_character_either_fails_or_opens_the_very_same_record()
    {
        // The last base64 character carries two unused bits, so a few replacements decode to the same bytes.
        var codec = new NasAuthTokenCodec(Secret);
        var text = codec.Seal(Sample());
        for (var i = 0; i < text.Length; i++)
        {
            var replacement = text[i] == 'A' ? 'B' : 'A';
            var tampered = string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1));

            if (codec.TryOpen(tampered, IssuedAt, out var opened) == NasTokenCheck.Valid)
            {
                Assert.True(NwcBase64.TryDecode(tampered.AsSpan(3), out var a) && NwcBase64.TryDecode(text.AsSpan(3), out var b) && a.SequenceEqual(b));
                Assert.Equal(Sample().Gsbrcd, opened!.Gsbrcd);
            }
        }
    }

    [Fact]
    public void A_token_older_than_ten_minutes_has_expired()
    {
        var codec = new NasAuthTokenCodec(Secret);
        var text = codec.Seal(Sample());

        Assert.Equal(NasTokenCheck.Valid, codec.TryOpen(text, IssuedAt.AddMinutes(10), out _));
        Assert.Equal(NasTokenCheck.Expired, codec.TryOpen(text, IssuedAt.AddMinutes(10).AddSeconds(1), out _));
    }

    [Fact]
    public void A_token_from_the_future_is_refused_beyond_the_clock_skew()
    {
        var codec = new NasAuthTokenCodec(Secret);
        var text = codec.Seal(Sample());

        Assert.Equal(NasTokenCheck.Valid, codec.TryOpen(text, IssuedAt - NasAuthTokenCodec.AllowedClockSkew, out _));
        Assert.Equal(NasTokenCheck.IssuedInFuture, codec.TryOpen(text, IssuedAt.AddMinutes(-1), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("NDSexampletoken")]
    [InlineData("XYZ")]
    public void Text_that_is_not_one_of_our_tokens_is_malformed(string? text)
    {
        Assert.Equal(NasTokenCheck.Malformed, new NasAuthTokenCodec(Secret).TryOpen(text, IssuedAt, out _));
    }

    [Fact]
    public void A_right_length_token_with_foreign_characters_is_malformed()
    {
        var text = "NDS" + new string('!', NasAuthTokenCodec.TokenLength - 3);

        Assert.Equal(NasTokenCheck.Malformed, new NasAuthTokenCodec(Secret).TryOpen(text, IssuedAt, out _));
    }

    [Fact]
    public void In_game_names_longer_than_64_bytes_are_cut_and_short_ones_keep_their_length()
    {
        var codec = new NasAuthTokenCodec(Secret);
        var longName = Enumerable.Range(1, 80).Select(i => (byte)i).ToArray();
        var littleEndianName = Encoding.Unicode.GetBytes("Mario");

        codec.TryOpen(codec.Seal(Sample(longName)), IssuedAt, out var cut);
        codec.TryOpen(codec.Seal(Sample(littleEndianName) with { Platform = NasPlatform.Ds }), IssuedAt, out var ds);

        Assert.Equal(longName[..64], cut!.InGameNameRaw);
        Assert.Equal(littleEndianName, ds!.InGameNameRaw);
        Assert.Equal("Mario", ds.InGameName);
    }

    [Fact]
    public void Sealing_fields_that_do_not_fit_the_format_is_a_programming_error()
    {
        var codec = new NasAuthTokenCodec(Secret);

        Assert.Throws<ArgumentException>(() => codec.Seal(Sample() with { GameCode = "RMC" }));
        Assert.Throws<ArgumentException>(() => codec.Seal(Sample() with { NasChallenge = "ABC" }));
        Assert.Throws<ArgumentException>(() => codec.Seal(Sample() with { Gsbrcd = new string('x', 17) }));
        Assert.Throws<ArgumentException>(() => new NasAuthTokenCodec(new byte[8]));
    }

    [Fact]
    public void A_token_record_is_built_from_a_validated_login()
    {
        Assert.Equal(NasFormError.None, NasForm.TryParse(NasBodies.Encode(NasBodies.MarioKartWiiLogin().ToArray()), out var form, out _));
        var login = Assert.IsType<NasLoginRequest>(NasAcRequest.Parse(form!).Request);

        var record = NasAuthToken.ForLogin(login, "QWERTYUI", IssuedAt);

        Assert.Equal(login.UserId, record.UserId);
        Assert.Equal(login.Gsbrcd, record.Gsbrcd);
        Assert.Equal("QWERTYUI", record.NasChallenge);
        Assert.Equal("Mario", record.InGameName);
    }

    [Fact]
    public void Challenges_are_eight_upper_case_letters_and_random_tokens_have_Nintendo_length()
    {
        var challenge = NasChallenge.Create();
        var token = NasTokens.CreateRandom();

        Assert.Matches("^[A-Z]{8}$", challenge);
        Assert.Matches("^NDS[A-Za-z0-9]{80}$", token);
        Assert.NotEqual(NasTokens.CreateRandom(), token);
    }
}
