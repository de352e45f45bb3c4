using System.Text;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Tests.Protocols.Common;

public class NwcBase64Tests
{
    public static TheoryData<int, string> Vectors => VectorFile.Rows("nas_base64", v => v.GetProperty("expected").GetProperty("encoded").GetString()!);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Known_bytes_encode_to_the_sheet_text(int index, string encoded)
    {
        var vector = VectorFile.Items("nas_base64")[index];
        var bytes = Convert.FromHexString(vector.GetProperty("inputs").GetProperty("bytes_hex").GetString()!);

        Assert.Equal(encoded, NwcBase64.Encode(bytes));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Sheet_text_decodes_to_the_known_bytes_on_server_and_console(int index, string encoded)
    {
        var vector = VectorFile.Items("nas_base64")[index];
        var bytes = Convert.FromHexString(vector.GetProperty("inputs").GetProperty("bytes_hex").GetString()!);

        Assert.True(NwcBase64.TryDecode(encoded, out var serverView));
        Assert.Equal(bytes, serverView);
        Assert.True(NwcBase64.DecodeLikeConsole(encoded, out var consoleView));
        Assert.Equal(bytes, consoleView);
    }

    [Fact]
    public void The_alphabet_in_the_vector_file_is_the_one_we_use()
    {
        var file = VectorFile.Load("nas_base64");
        Assert.Equal(NwcBase64.Alphabet, file.GetProperty("alphabet").GetString());
        Assert.Equal(NwcBase64.Pad.ToString(), file.GetProperty("pad").GetString());
    }

    [Fact]
    public void Encoding_into_bytes_matches_encoding_into_text()
    {
        var data = Encoding.ASCII.GetBytes("gamespy.com");
        var destination = new byte[NwcBase64.GetEncodedLength(data.Length)];

        var written = NwcBase64.Encode(data, destination);

        Assert.Equal("Z2FtZXNweS5jb20*", Encoding.ASCII.GetString(destination, 0, written));
    }

    [Fact]
    public void AltWFC_plus_slash_output_would_be_misread_by_the_console_so_we_never_emit_it()
    {
        var disagreement = VectorFile.Load("nas_base64").GetProperty("reference_disagreements")[0];
        var original = Convert.FromHexString(disagreement.GetProperty("inputs").GetProperty("bytes_hex").GetString()!);
        var altWfcText = disagreement.GetProperty("altwfc_dict_to_qs_output").GetString()!["x=".Length..];

        Assert.True(NwcBase64.DecodeLikeConsole(altWfcText, out var consoleView));
        Assert.NotEqual(original, consoleView);
        Assert.DoesNotContain('+', NwcBase64.Encode(original));
        Assert.DoesNotContain('/', NwcBase64.Encode(original));
    }

    [Fact]
    public void Dot_and_dash_both_decode_where_AltWFC_kept_the_value_raw()
    {
        var disagreement = VectorFile.Load("nas_base64").GetProperty("reference_disagreements")[1];
        var formValue = disagreement.GetProperty("inputs").GetProperty("form_value").GetString()!;
        var altWfcResult = Convert.FromHexString(disagreement.GetProperty("altwfc_qs_to_dict_result_hex").GetString()!);

        Assert.True(NwcBase64.TryDecode(formValue, out var decoded));

        Assert.Equal(new byte[] { 0xFB, 0xFF, 0xBF }, decoded);
        Assert.NotEqual(altWfcResult, decoded);
    }

    [Fact]
    public void Server_decoder_also_accepts_the_standard_alphabet_and_equals_padding()
    {
        Assert.True(NwcBase64.TryDecode("+/+/", out var plusSlash));
        Assert.Equal(new byte[] { 0xFB, 0xFF, 0xBF }, plusSlash);
        Assert.True(NwcBase64.TryDecode("bG9naW4=", out var equalsPadded));
        Assert.Equal("login"u8.ToArray(), equalsPadded);
    }

    [Theory]
    [InlineData("bG9naW4", "login")]
    [InlineData("MQ", "1")]
    [InlineData("MDE", "01")]
    public void Server_decoder_accepts_missing_final_padding(string text, string expected)
    {
        Assert.True(NwcBase64.TryDecode(text, out var data));
        Assert.Equal(expected, Encoding.ASCII.GetString(data));
    }

    [Theory]
    [InlineData("A")]
    [InlineData("ABCDE")]
    [InlineData("A***")]
    [InlineData("AB*D")]
    [InlineData("AB*")]
    [InlineData("MQ%2A%2A")]
    [InlineData("bG9n aW4*")]
    [InlineData("bG9naW4\u00e9")]
    [InlineData("MQ**MQ**")]
    public void Text_that_is_not_base64_is_refused_without_an_exception(string text)
    {
        Assert.False(NwcBase64.TryDecode(text, out var data));
        Assert.Null(data);
    }

    [Fact]
    public void Percent_encoded_padding_is_read_by_the_console_as_data_which_is_why_replies_stay_raw()
    {
        Assert.True(NwcBase64.DecodeLikeConsole("MQ%2A%2A", out var consoleView));
        Assert.NotEqual("1"u8.ToArray(), consoleView);
        Assert.Equal(6, consoleView.Length);
    }

    [Fact]
    public void Console_decoder_refuses_a_length_that_is_not_a_multiple_of_four()
    {
        Assert.False(NwcBase64.DecodeLikeConsole("bG9naW4", out _));
    }

    [Fact]
    public void Decoding_into_a_small_destination_fails_cleanly()
    {
        Assert.False(NwcBase64.TryDecode("bG9naW4*".AsSpan(), new byte[4], out var written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void Random_data_of_every_small_length_round_trips()
    {
        var random = new Random(1234);
        for (var length = 0; length <= 200; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);

            var text = NwcBase64.Encode(data);

            Assert.Equal(NwcBase64.GetEncodedLength(length), text.Length);
            Assert.True(NwcBase64.TryDecode(text, out var back));
            Assert.Equal(data, back);
            Assert.True(NwcBase64.DecodeLikeConsole(text, out var consoleView));
            Assert.Equal(data, consoleView);
        }
    }

    [Fact]
    public void Raw_ascii_bytes_decode_like_text()
    {
        var destination = new byte[8];
        Assert.True(NwcBase64.TryDecode("Uk1DRQ**"u8, destination, out var written));
        Assert.Equal("RMCE", Encoding.ASCII.GetString(destination, 0, written));
        Assert.False(NwcBase64.TryDecode("Uk1D\u00ffQ**"u8.ToArray().AsSpan(), destination, out _));
    }
}
