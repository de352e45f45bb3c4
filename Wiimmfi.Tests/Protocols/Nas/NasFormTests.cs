using System.Text;
using Wiimmfi.Protocols.Nas;

namespace Wiimmfi.Tests.Protocols.Nas;

public class NasFormTests
{
    private static NasForm Parse(string body)
    {
        Assert.Equal(NasFormError.None, NasForm.TryParse(Encoding.ASCII.GetBytes(body), out var form, out _));
        return form!;
    }

    private static NasFormError Refuse(string body, out string? key)
    {
        var error = NasForm.TryParse(Encoding.Latin1.GetBytes(body), out var form, out key);
        Assert.Null(form);
        return error;
    }

    [Fact]
    public void A_real_login_body_decodes_every_value()
    {
        var body = NasBodies.Encode(NasBodies.MarioKartWiiLogin().ToArray());

        Assert.Equal(NasFormError.None, NasForm.TryParse(body, out var form, out _));

        Assert.Equal("login", form!.GetText("action"));
        Assert.Equal("RMCJ2leohni", form.GetText("gsbrcd"));
        Assert.Equal("Mario", form.GetUtf16("ingamesn", NasPlatform.Wii));
        Assert.Equal(14, form.Values.Count);
    }

    [Fact]
    public void Percent_encoded_padding_is_decoded_before_base64()
    {
        Assert.Equal("login", Parse("action=bG9naW4%2A").GetText("action"));
        Assert.Equal("1", Parse("unitcd=MQ%2a%2A").GetText("unitcd"));
    }

    [Fact]
    public void A_literal_plus_stays_base64_data_instead_of_becoming_a_space()
    {
        Assert.Equal(new byte[] { 0xFB, 0xFF, 0xBF }, Parse("x=+/+/").Values["x"]);
    }

    [Fact]
    public void A_key_sent_twice_is_ignored_like_the_references_do()
    {
        var form = Parse("action=bG9naW4*&gamecd=Uk1DRQ**&gamecd=Uk1DSg**&gamecd=Uk1DSg**");

        Assert.False(form.Contains("gamecd"));
        Assert.Contains("gamecd", form.IgnoredKeys);
        Assert.Equal("login", form.GetText("action"));
    }

    [Fact]
    public void Underscore_extras_are_kept_raw_and_never_refused_as_bad_base64()
    {
        var form = Parse("action=bG9naW4*&_payload=not%20base64!&_ver=5");

        Assert.Equal("not base64!", form.Extras["_payload"]);
        Assert.Equal("5", form.Extras["_ver"]);
        Assert.False(form.Contains("_payload"));
    }

    [Fact]
    public void Empty_parts_and_keys_without_a_value_are_tolerated()
    {
        var form = Parse("&&action=bG9naW4*&&svc&=MQ**");

        Assert.Equal("login", form.GetText("action"));
        Assert.Equal(string.Empty, form.GetText("svc"));
        Assert.Equal(2, form.Values.Count);
    }

    [Fact]
    public void An_empty_body_is_an_empty_form()
    {
        Assert.Empty(Parse(string.Empty).Values);
    }

    [Fact]
    public void A_value_that_is_not_base64_is_refused_and_named()
    {
        Assert.Equal(NasFormError.BadBase64, Refuse("action=bG9naW4*&gamecd=Uk1D!Q**", out var key));
        Assert.Equal("gamecd", key);
    }

    [Theory]
    [InlineData("action=bG9naW4%2", NasFormError.BadUrlEncoding)]
    [InlineData("action=bG9naW4%zz", NasFormError.BadUrlEncoding)]
    [InlineData("act%00ion=bG9naW4*", NasFormError.BadUrlEncoding)]
    [InlineData("act ion=bG9naW4*", NasFormError.BadUrlEncoding)]
    [InlineData("act\u00e9ion=bG9naW4*", NasFormError.BadUrlEncoding)]
    public void Broken_url_encoding_is_refused(string body, NasFormError expected)
    {
        Assert.Equal(expected, Refuse(body, out _));
    }

    [Fact]
    public void Every_bound_is_enforced_with_its_own_reason()
    {
        Assert.Equal(NasFormError.BodyTooLarge, Refuse("a=" + new string('A', NasFormLimits.MaxBodyBytes), out _));
        Assert.Equal(NasFormError.TooManyFields, Refuse(string.Join('&', Enumerable.Range(0, NasFormLimits.MaxFields + 1).Select(i => $"k{i}=MQ**")), out _));
        Assert.Equal(NasFormError.KeyTooLong, Refuse(new string('k', NasFormLimits.MaxKeyLength + 1) + "=MQ**", out _));
        Assert.Equal(NasFormError.ValueTooLong, Refuse("k=" + new string('A', NasFormLimits.MaxValueLength + 4), out _));
    }

    [Fact]
    public void Limits_are_inclusive()
    {
        Assert.Equal(NasFormLimits.MaxFields, Parse(string.Join('&', Enumerable.Range(0, NasFormLimits.MaxFields).Select(i => $"k{i}=MQ**"))).Values.Count);
        Assert.Single(Parse(new string('k', NasFormLimits.MaxKeyLength) + "=" + new string('A', NasFormLimits.MaxValueLength)).Values);
    }

    [Fact]
    public void Text_fields_use_the_platform_byte_order_for_names_and_words()
    {
        var wii = NasForm.Create(new Dictionary<string, byte[]>
        {
            ["unitcd"] = "1"u8.ToArray(),
            ["ingamesn"] = NasBodies.Utf16("Luigi", bigEndian: true),
            ["gamecd"] = "RMCE"u8.ToArray(),
        });
        var ds = NasForm.Create(new Dictionary<string, byte[]>
        {
            ["unitcd"] = "0"u8.ToArray(),
            ["devname"] = NasBodies.Utf16("Yoshi", bigEndian: false),
        });

        Assert.Equal("Luigi", wii.ToTextFields()["ingamesn"]);
        Assert.Equal("RMCE", wii.ToTextFields()["gamecd"]);
        Assert.Equal("Yoshi", ds.ToTextFields()["devname"]);
    }

    [Fact]
    public void Utf16_text_stops_at_the_first_nul_and_ignores_an_odd_trailing_byte()
    {
        var form = NasForm.Create(new Dictionary<string, byte[]>
        {
            ["a"] = [0x00, 0x41, 0x00, 0x00, 0x00, 0x42],
            ["b"] = [0x00, 0x41, 0x00],
        });

        Assert.Equal("A", form.GetUtf16("a", NasPlatform.Wii));
        Assert.Equal("A", form.GetUtf16("b", NasPlatform.Wii));
        Assert.Null(form.GetUtf16("c", NasPlatform.Wii));
    }

    [Fact]
    public void Random_bytes_never_make_the_form_parser_throw()
    {
        var random = new Random(7);
        var alphabet = "=&%2Aa-.*_+k\u00ff\0"u8.ToArray();
        for (var round = 0; round < 3000; round++)
        {
            var body = new byte[random.Next(0, 60)];
            for (var i = 0; i < body.Length; i++)
            {
                body[i] = alphabet[random.Next(alphabet.Length)];
            }

            var error = NasForm.TryParse(body, out var form, out _);

            Assert.Equal(error == NasFormError.None, form is not null);
        }
    }
}
