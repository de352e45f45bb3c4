using Wiimmfi.Protocols.Sake;

namespace Wiimmfi.Tests.Protocols.Sake;

public class SakeValueTests
{
    private static SakeValue? Parse(SakeFieldType type, string text) =>
        SakeValue.TryParse(type, text, SakeLimits.Default, out var value, out _) ? value : null;

    [Theory]
    [InlineData(SakeFieldType.Byte, "0")]
    [InlineData(SakeFieldType.Byte, "255")]
    [InlineData(SakeFieldType.Short, "-32768")]
    [InlineData(SakeFieldType.Short, "32767")]
    [InlineData(SakeFieldType.Int, "-2147483648")]
    [InlineData(SakeFieldType.Int, "2147483647")]
    [InlineData(SakeFieldType.Int64, "-9223372036854775808")]
    [InlineData(SakeFieldType.Int64, "9223372036854775807")]
    [InlineData(SakeFieldType.Float, "1.500000")]
    [InlineData(SakeFieldType.Float, "-0.25")]
    [InlineData(SakeFieldType.Float, "340282346638528859811704183484516925440.000000")]
    [InlineData(SakeFieldType.AsciiString, "")]
    [InlineData(SakeFieldType.UnicodeString, "  spaces are kept  ")]
    [InlineData(SakeFieldType.DateAndTime, "2008-04-10T09:30:00.000")]
    [InlineData(SakeFieldType.DateAndTime, "2008-04-10T09:30:00Z")]
    [InlineData(SakeFieldType.DateAndTime, "2008-04-10T09:30:00")]
    [InlineData(SakeFieldType.BinaryData, "")]
    [InlineData(SakeFieldType.BinaryData, "AAECAw==")]
    [InlineData(SakeFieldType.BinaryData, "+/+/")]
    public void Valid_wire_text_is_kept_exactly(SakeFieldType type, string text)
    {
        var value = Parse(type, text);

        Assert.NotNull(value);
        Assert.Equal(type, value.Type);
        Assert.Equal(text, value.Text);
    }

    [Theory]
    [InlineData(SakeFieldType.Byte, "256")]
    [InlineData(SakeFieldType.Byte, "-1")]
    [InlineData(SakeFieldType.Byte, "01")]
    [InlineData(SakeFieldType.Byte, "+1")]
    [InlineData(SakeFieldType.Byte, "")]
    [InlineData(SakeFieldType.Short, "32768")]
    [InlineData(SakeFieldType.Int, "-0")]
    [InlineData(SakeFieldType.Int, "2147483648")]
    [InlineData(SakeFieldType.Int, "1e3")]
    [InlineData(SakeFieldType.Int, "0x10")]
    [InlineData(SakeFieldType.Int64, "9223372036854775808")]
    [InlineData(SakeFieldType.Float, "nan")]
    [InlineData(SakeFieldType.Float, "Infinity")]
    [InlineData(SakeFieldType.Float, "1e39")]
    [InlineData(SakeFieldType.Float, "")]
    [InlineData(SakeFieldType.Boolean, "TRUE")]
    [InlineData(SakeFieldType.Boolean, "2")]
    [InlineData(SakeFieldType.DateAndTime, "2008-04-10 09:30:00")]
    [InlineData(SakeFieldType.DateAndTime, "2008-13-10T09:30:00")]
    [InlineData(SakeFieldType.BinaryData, "AAECAx==")]
    [InlineData(SakeFieldType.BinaryData, "AAEC Aw==")]
    [InlineData(SakeFieldType.BinaryData, "-_-_")]
    [InlineData(SakeFieldType.BinaryData, "AAECAw")]
    [InlineData(SakeFieldType.BinaryData, "AAEC*w==")]
    public void Invalid_wire_text_is_refused_with_a_reason(SakeFieldType type, string text)
    {
        Assert.False(SakeValue.TryParse(type, text, SakeLimits.Default, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Numbers_with_surrounding_whitespace_are_trimmed()
    {
        Assert.Equal("42", Parse(SakeFieldType.Int, "\n  42 \t")!.Text);
    }

    [Theory]
    [InlineData("1", "true")]
    [InlineData("true", "true")]
    [InlineData("0", "false")]
    [InlineData("false", "false")]
    public void Booleans_are_stored_as_the_text_the_sdk_reads(string sent, string stored)
    {
        // The SDK writes 0/1 but its reader treats only "true" as true (sakeRequestRead.c).
        Assert.Equal(stored, Parse(SakeFieldType.Boolean, sent)!.Text);
    }

    [Fact]
    public void Binary_and_string_limits_are_enforced()
    {
        var limits = new SakeLimits { MaxValueLength = 4 };

        Assert.True(SakeValue.TryParse(SakeFieldType.BinaryData, Convert.ToBase64String(new byte[4]), limits, out _, out _));
        Assert.False(SakeValue.TryParse(SakeFieldType.BinaryData, Convert.ToBase64String(new byte[5]), limits, out _, out _));
        Assert.True(SakeValue.TryParse(SakeFieldType.AsciiString, "abcd", limits, out _, out _));
        Assert.False(SakeValue.TryParse(SakeFieldType.UnicodeString, "abcde", limits, out _, out _));
    }

    [Fact]
    public void Factory_values_are_accepted_by_the_parser_and_read_back()
    {
        var time = new DateTime(2014, 5, 20, 14, 0, 0, 5, DateTimeKind.Utc);
        var values = new[]
        {
            SakeValue.FromByte(7), SakeValue.FromInt16(-3), SakeValue.FromInt32(123456), SakeValue.FromInt64(-1L << 40),
            SakeValue.FromSingle(0.1f), SakeValue.FromAsciiString("x"), SakeValue.FromUnicodeString("ü"), SakeValue.FromBoolean(true),
            SakeValue.FromDateTime(time), SakeValue.FromBinary([0xFF, 0xEE]),
        };

        foreach (var value in values)
        {
            Assert.Equal(value, Parse(value.Type, value.Text));
        }
        Assert.Equal(123456, values[2].GetInt32());
        Assert.Equal(-1L << 40, values[3].GetInteger());
        Assert.Equal(0.1f, values[4].GetSingle());
        Assert.True(values[7].GetBoolean());
        Assert.Equal(time, values[8].GetDateTime());
        Assert.Equal([0xFF, 0xEE], values[9].GetBytes());
        Assert.Throws<InvalidOperationException>(() => values[9].GetInteger());
        Assert.Throws<ArgumentOutOfRangeException>(() => SakeValue.FromSingle(float.NaN));
    }

    [Fact]
    public void Type_tags_are_the_sdk_element_names()
    {
        Assert.Equal(
            "Byte=0:byteValue Short=1:shortValue Int=2:intValue Float=3:floatValue AsciiString=4:asciiStringValue " +
            "UnicodeString=5:unicodeStringValue Boolean=6:booleanValue DateAndTime=7:dateAndTimeValue BinaryData=8:binaryDataValue Int64=9:int64Value",
            string.Join(' ', Enum.GetValues<SakeFieldType>().Select(t => $"{t}={(int)t}:{SakeFieldTypes.ToTag(t)}")));
        Assert.False(SakeFieldTypes.TryFromTag("IntValue", out _));
    }

    [Fact]
    public void Result_and_action_numbers_are_frozen()
    {
        Assert.Equal(
            "Success=0 SecretKeyInvalid=1 ServiceDisabled=2 DatabaseUnavailable=3 LoginTicketInvalid=4 LoginTicketExpired=5 " +
            "TableNotFound=6 RecordNotFound=7 FieldNotFound=8 FieldTypeInvalid=9 NoPermission=10 RecordLimitReached=11 " +
            "AlreadyRated=12 NotRateable=13 NotOwned=14 FilterInvalid=15 SortInvalid=16 TargetFilterInvalid=17 UnknownError=18 " +
            "BadNumFields=19 AlreadyReported=20 NotModerated=21 CategoryInvalid=22 DuplicateRecord=23",
            string.Join(' ', Enum.GetValues<SakeResult>().Select(r => $"{SakeResultText.ToWire(r)}={(int)r}")));
        Assert.Equal(
            "CreateRecord=1 UpdateRecord=2 DeleteRecord=3 GetMyRecords=4 GetSpecificRecords=5 SearchForRecords=6 " +
            "GetRandomRecords=7 GetRecordCount=8 GetRecordLimit=9 RateRecord=10",
            string.Join(' ', Enum.GetValues<SakeAction>().Select(a => $"{a}={(int)a}")));
    }
}
